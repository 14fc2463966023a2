// Keys the panels read that ImGui 1.86 has no name for. 1.86 names only the keys its own widgets
// use (ImGuiKey_Space, the arrows, PageUp, ... read through ImGui::GetKeyIndex); F1 and
// punctuation get an ImGuiKey in 1.87. Its GLFW backend indexes io.KeysDown by GLFW key code,
// so these are GLFW's codes (a letter's is its ASCII capital). src/ui does not include GLFW:
// src/app/platform/platform.cpp checks each against <GLFW/glfw3.h>.
#pragma once

namespace eventlab::ui::key {

inline constexpr int kComma = 44;   // GLFW_KEY_COMMA
inline constexpr int kPeriod = 46;  // GLFW_KEY_PERIOD
inline constexpr int kF1 = 290;     // GLFW_KEY_F1
// Ctrl+letter shortcuts: GLFW_KEY_A ... GLFW_KEY_Z are 'A' ... 'Z'.
constexpr int letter(char upper) {
    return upper;
}

}  // namespace eventlab::ui::key
