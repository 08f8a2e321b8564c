#pragma once
// Small widgets the previs panels share. Call inside an ImGui window.
#include <cstddef>
#include <string>
#include <vector>

namespace sr::ui {

// A label at the start of a row; the next widget fills the rest of the row.
void rowLabel(const char* label);
// A row with `label` (or none) and a combo box of `items`; returns true when the choice changed
// (`index` is updated).
bool labelledCombo(const char* label, const char* id, int& index, const std::vector<std::string>& items);
// A row with `label` and a one-line text field editing `text` (at most kMaxNameBytes). Returns true,
// with `text` changed, when Enter is pressed; leaving the field otherwise, or Esc, keeps `text`.
inline constexpr size_t kMaxNameBytes = 120;
bool nameField(const char* label, const char* id, std::string& text);
// A section heading in the title face.
void sectionHeading(const char* text);

} // namespace sr::ui
