# What `cmake --install` puts where, and the .deb that CPack builds from it (`make deb`).
# Programs go to bin/, the demo exhibit to share/stillroom/demo (where the viewer looks for it),
# the kiosk's systemd units, a desktop entry and the docs to their usual places.
include(GNUInstallDirs)
set(SR_DOCDIR ${CMAKE_INSTALL_DATADIR}/doc/stillroom) # Debian spells the package in lower case

foreach(program stillroom stillroom-check stillroom-poses stillroom-bake stillroom-bench stillroom-photo-bench)
  if(TARGET ${program})
    install(TARGETS ${program} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  endif()
endforeach()

# The importer the viewer runs in its own process (asset::findImporter looks in ../libexec/stillroom).
install(TARGETS stillroom-import RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/stillroom)

install(DIRECTORY ${CMAKE_BINARY_DIR}/demo/ DESTINATION ${CMAKE_INSTALL_DATADIR}/stillroom/demo)

foreach(unit stillroom-kiosk.service stillroom-kiosk-x11.service stillroom.desktop)
  configure_file(${PROJECT_SOURCE_DIR}/deploy/${unit}.in ${CMAKE_BINARY_DIR}/deploy/${unit} @ONLY)
endforeach()
# systemd's own folders, under the prefix: /usr/lib/systemd/{system,user} for the .deb.
install(FILES ${CMAKE_BINARY_DIR}/deploy/stillroom-kiosk.service DESTINATION lib/systemd/system)
install(FILES ${CMAKE_BINARY_DIR}/deploy/stillroom-kiosk-x11.service DESTINATION lib/systemd/user)
install(FILES ${CMAKE_BINARY_DIR}/deploy/stillroom.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/kiosk.json DESTINATION ${SR_DOCDIR} RENAME kiosk.json.example)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${SR_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${SR_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME stillroom)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Stand silently inside photogrammetry scans of rooms")
set(CPACK_PACKAGE_CONTACT "Stillroom maintainers <stillroom@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION graphics)
# Debian 12's runtime packages for what the programs link and load.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libvulkan1, mesa-vulkan-drivers | vulkan-icd, libglfw3 (>= 3.3), libassimp5 (>= 5.2), libmeshoptimizer2d, libpugixml1v5, libstb0, fonts-inter, libc6, libstdc++6")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cage, ffmpeg")
include(CPack)
