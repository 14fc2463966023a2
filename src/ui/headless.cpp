#include "ui/headless.h"

#include <cstdint>

namespace eventlab::ui {
namespace {

HeadlessContext::OsWindow* window_of(ImGuiViewport* viewport) {
    return static_cast<HeadlessContext::OsWindow*>(viewport->PlatformUserData);
}

// The pretend platform keeps each viewport's OS window as ImGui asks it to be; nothing moves or
// closes it but ImGui (and a test, through ImGuiViewport::PlatformRequestClose).
void install_platform(ImGuiPlatformIO& io) {
    io.Platform_CreateWindow = [](ImGuiViewport* v) {
        v->PlatformUserData = IM_NEW(HeadlessContext::OsWindow)();
        v->PlatformHandle = v->PlatformUserData;
    };
    io.Platform_DestroyWindow = [](ImGuiViewport* v) {
        if (v != ImGui::GetMainViewport()) IM_DELETE(window_of(v));
        v->PlatformUserData = nullptr;
        v->PlatformHandle = nullptr;
    };
    io.Platform_ShowWindow = [](ImGuiViewport* v) { window_of(v)->shown = true; };
    io.Platform_SetWindowPos = [](ImGuiViewport* v, ImVec2 pos) { window_of(v)->pos = pos; };
    io.Platform_GetWindowPos = [](ImGuiViewport* v) { return window_of(v)->pos; };
    io.Platform_SetWindowSize = [](ImGuiViewport* v, ImVec2 size) { window_of(v)->size = size; };
    io.Platform_GetWindowSize = [](ImGuiViewport* v) { return window_of(v)->size; };
    io.Platform_SetWindowTitle = [](ImGuiViewport* v, const char* title) {
        window_of(v)->title = title;
    };
    io.Platform_GetWindowFocus = [](ImGuiViewport*) { return false; };
    io.Platform_SetWindowFocus = [](ImGuiViewport*) {};
    io.Platform_GetWindowMinimized = [](ImGuiViewport*) { return false; };
    // A monitor twice as wide as the main window, so there is room beside it for windows popped
    // out.
    ImGuiPlatformMonitor monitor;
    monitor.MainSize = monitor.WorkSize = ImVec2(4096, 2160);
    io.Monitors.push_back(monitor);
}

// What a renderer does with ImGui's texture requests, minus the GPU: fonts then load glyphs on
// demand, as in the app.
void accept_textures() {
    for (ImTextureData* tex : ImGui::GetPlatformIO().Textures) {
        if (tex->Status == ImTextureStatus_WantCreate) {
            tex->SetTexID(static_cast<ImTextureID>(tex->UniqueID) + 1);
            tex->SetStatus(ImTextureStatus_OK);
        } else if (tex->Status == ImTextureStatus_WantUpdates) {
            tex->SetStatus(ImTextureStatus_OK);
        } else if (tex->Status == ImTextureStatus_WantDestroy && tex->UnusedFrames > 0) {
            tex->SetTexID(ImTextureID_Invalid);
            tex->SetStatus(ImTextureStatus_Destroyed);
        }
    }
}

}  // namespace

HeadlessContext::HeadlessContext(const HeadlessOptions& options) {
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    plot_ = ImPlot::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(options.width, options.height);
    io.DeltaTime = 1.0F / 60.0F;
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_DockingEnable;
    // As the OpenGL 3 renderer the inspector runs with: textures, and draw lists past 64K
    // vertices (a plot of a 60000-record trace) split by vertex offset with 16-bit indices.
    io.BackendFlags |=
        ImGuiBackendFlags_RendererHasTextures | ImGuiBackendFlags_RendererHasVtxOffset;
    io.BackendRendererName = "headless";
    main_.size = io.DisplaySize;
    if (options.viewports) {
        io.ConfigFlags |= ImGuiConfigFlags_ViewportsEnable;
        io.BackendFlags |=
            ImGuiBackendFlags_PlatformHasViewports | ImGuiBackendFlags_RendererHasViewports;
        install_platform(ImGui::GetPlatformIO());
        ImGuiViewport* main = ImGui::GetMainViewport();
        main->PlatformUserData = &main_;
        main->PlatformHandle = &main_;
    }
}

HeadlessContext::~HeadlessContext() {
    use();
    // As a renderer's shutdown does: ImGui checks that every texture was given back.
    for (ImTextureData* tex : ImGui::GetPlatformIO().Textures) {
        if (tex->Status != ImTextureStatus_Destroyed) {
            tex->SetTexID(ImTextureID_Invalid);
            tex->SetStatus(ImTextureStatus_Destroyed);
        }
    }
    ImGui::DestroyPlatformWindows();
    ImGui::GetIO().BackendRendererName = nullptr;
    ImPlot::DestroyContext(plot_);
    ImGui::DestroyContext(context_);
}

void HeadlessContext::begin_frame() {
    use();
    ImGui::GetIO().DisplaySize = main_.size;
    ImGui::NewFrame();
}

void HeadlessContext::end_frame() {
    ImGui::Render();
    accept_textures();
    if ((ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_ViewportsEnable) != 0)
        ImGui::UpdatePlatformWindows();
}

const HeadlessContext::OsWindow* HeadlessContext::os_window(const ImGuiViewport* viewport) {
    return viewport == nullptr ? nullptr : static_cast<const OsWindow*>(viewport->PlatformUserData);
}

void HeadlessContext::resize(float width, float height) {
    main_.size = ImVec2(width, height);
}

}  // namespace eventlab::ui
