// stillroom-import: the importer the viewer runs in a separate process, under a time and memory
// limit, for a mesh that has no room cache yet. It reads the mesh with Assimp (or the project's PLY
// reader), bakes it and writes a room cache that the viewer then reads (docs/security.md). Not meant
// to be run by hand: the arguments are asset::importerArguments(); stillroom-bake is the tool for
// people.
#include <string>
#include <vector>

#include "asset/importer.h"

int main(int argc, char** argv) {
    const std::vector<std::string> arguments(argv + 1, argv + argc);
    return sr::asset::runImporter(arguments);
}
