# Sanitize builds (SR_SANITIZE): every executable gets sanitizer_defaults.c, which keeps shared
# libraries loaded (so leaks in them can be named and suppressed) and carries the LeakSanitizer
# suppressions of lsan.supp. Included by the top-level CMakeLists.txt after every target exists.
set(sr_lsan_supp ${CMAKE_CURRENT_LIST_DIR}/lsan.supp)
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${sr_lsan_supp})
file(STRINGS ${sr_lsan_supp} sr_lsan_lines REGEX "^[^#]")
list(JOIN sr_lsan_lines "\\n" SR_LSAN_SUPPRESSIONS)
configure_file(${CMAKE_CURRENT_LIST_DIR}/sanitizer_defaults.c.in ${PROJECT_BINARY_DIR}/sanitizer_defaults.c @ONLY)
add_library(sr_sanitizer_defaults OBJECT ${PROJECT_BINARY_DIR}/sanitizer_defaults.c)

# The executables defined in `dir` and below it.
function(sr_collect_executables dir out)
  set(found)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "EXECUTABLE")
      list(APPEND found ${target})
    endif()
  endforeach()
  get_property(subdirectories DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(subdirectory IN LISTS subdirectories)
    sr_collect_executables(${subdirectory} below)
    list(APPEND found ${below})
  endforeach()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

sr_collect_executables(${PROJECT_SOURCE_DIR} sr_executables)
foreach(target IN LISTS sr_executables)
  target_link_libraries(${target} PRIVATE sr_sanitizer_defaults)
endforeach()
