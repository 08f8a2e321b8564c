#include "previs/previs_project.h"

#include <algorithm>

namespace sr::previs {

const Shot* PrevisProject::findShot(std::string_view name) const {
    const auto it =
        std::find_if(shots.begin(), shots.end(), [name](const Shot& s) { return s.name == name; });
    return it == shots.end() ? nullptr : &*it;
}

const CameraMove* PrevisProject::findMove(std::string_view name) const {
    const auto it =
        std::find_if(moves.begin(), moves.end(), [name](const CameraMove& m) { return m.name == name; });
    return it == moves.end() ? nullptr : &*it;
}

std::string ProjectProblem::describe() const {
    std::string out = file.empty() ? std::string() : file + ": ";
    if (!jsonPath.empty()) out += jsonPath + ": ";
    return out + message;
}

bool LoadedProject::hasErrors() const {
    return std::any_of(problems.begin(), problems.end(),
                       [](const ProjectProblem& p) { return p.severity == ProblemSeverity::Error; });
}

} // namespace sr::previs
