// The start-up peer of `eventlab --frames 1`: the smallest GLFW + OpenGL 3 + Dear ImGui program
// that shows one frame (ImGui's own font, one window) and exits. What eventlab takes beyond this
// is its own: fonts from fontconfig, the default workspace, the panels' first frame.
// `--fill`: the one ImGui window fills the OS window, as the inspector's docked panels do, so a
// software rasteriser (Mesa's llvmpipe under Xvfb) charges it for a whole window of pixels.
#include <glad/gl.h>
// glad first: GLFW_INCLUDE_NONE leaves the GL declarations to it.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <string_view>

int main(int argc, char** argv) {
    const bool fill = argc > 1 && std::string_view(argv[1]) == "--fill";
    if (glfwInit() != GLFW_TRUE) return 1;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    GLFWwindow* window = glfwCreateWindow(1600, 1000, "bare", nullptr, nullptr);
    if (window == nullptr) return 1;
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    if (gladLoadGL(glfwGetProcAddress) == 0) return 1;
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330");
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    if (fill) {
        ImGui::SetNextWindowPos(ImGui::GetMainViewport()->Pos);
        ImGui::SetNextWindowSize(ImGui::GetMainViewport()->Size);
    }
    ImGui::Begin("bare");
    ImGui::TextUnformatted("one frame");
    ImGui::End();
    ImGui::Render();
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(window);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
