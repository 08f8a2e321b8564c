#include "ui/imgui_layer.h"

#include <cmath>

#include <imgui.h>
#include <backends/imgui_impl_vulkan.h>

#include "core/log.h"
#include "gpu/check.h"
#include "gpu/context.h"
#include "gpu/offscreen_target.h"
#include "ui/theme.h"

namespace sr::ui {
namespace {

void checkImGuiVk(VkResult result) {
    if (result != VK_SUCCESS) gpu::failVulkanCall("ImGui Vulkan backend", __FILE__, __LINE__, result);
}

int imguiKeyIndex(int key) { return key >= 0 && key < 512 ? key : -1; }

gpu::RenderPass createOverlayRenderPass(gpu::Context& context) {
    VkAttachmentDescription attachment{};
    attachment.format = render::Renderer::kOverlayFormat;
    attachment.samples = VK_SAMPLE_COUNT_1_BIT;
    attachment.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
    attachment.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    attachment.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    attachment.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    attachment.initialLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    attachment.finalLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    VkAttachmentReference ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    VkSubpassDescription subpass{};
    subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    subpass.colorAttachmentCount = 1;
    subpass.pColorAttachments = &ref;
    // Before: the room pass's resolve (colour output) and its move to TRANSFER_SRC. After: the copy
    // to the swapchain or to a readback buffer.
    VkSubpassDependency deps[2] = {};
    deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
    deps[0].dstSubpass = 0;
    deps[0].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
    deps[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[1].srcSubpass = 0;
    deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
    deps[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[1].dstStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT;
    deps[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    VkRenderPassCreateInfo info{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
    info.attachmentCount = 1;
    info.pAttachments = &attachment;
    info.subpassCount = 1;
    info.pSubpasses = &subpass;
    info.dependencyCount = 2;
    info.pDependencies = deps;
    VkRenderPass pass;
    SR_VK_CHECK(vkCreateRenderPass(context.device(), &info, nullptr, &pass));
    context.setDebugName(pass, VK_OBJECT_TYPE_RENDER_PASS, "uiRenderPass");
    return gpu::RenderPass(context.device(), pass);
}

} // namespace

ImGuiLayer::ImGuiLayer(gpu::Context& context, float uiScale) : mContext(context), mScale(uiScale) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing written beside the program or the exhibit
    io.LogFilename = nullptr;
    io.BackendPlatformName = "stillroom-events";
    io.KeyMap[ImGuiKey_Tab] = platform::keys::kTab;
    io.KeyMap[ImGuiKey_LeftArrow] = platform::keys::kLeft;
    io.KeyMap[ImGuiKey_RightArrow] = platform::keys::kRight;
    io.KeyMap[ImGuiKey_UpArrow] = platform::keys::kUp;
    io.KeyMap[ImGuiKey_DownArrow] = platform::keys::kDown;
    io.KeyMap[ImGuiKey_Enter] = platform::keys::kEnter;
    io.KeyMap[ImGuiKey_Escape] = platform::keys::kEscape;
    io.KeyMap[ImGuiKey_Space] = platform::keys::kSpace;
    io.KeyMap[ImGuiKey_Backspace] = platform::keys::kBackspace;
    io.KeyMap[ImGuiKey_Delete] = platform::keys::kDelete;
    io.KeyMap[ImGuiKey_Home] = platform::keys::kHome;
    io.KeyMap[ImGuiKey_End] = platform::keys::kEnd;
    io.KeyMap[ImGuiKey_A] = 'A'; // Ctrl+A, C, V, X, Z in text fields
    io.KeyMap[ImGuiKey_C] = 'C';
    io.KeyMap[ImGuiKey_V] = 'V';
    io.KeyMap[ImGuiKey_X] = 'X';
    io.KeyMap[ImGuiKey_Z] = 'Z';
    applyTheme(uiScale);

    VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 64};
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    poolInfo.maxSets = 64;
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &size;
    VkDescriptorPool pool;
    SR_VK_CHECK(vkCreateDescriptorPool(context.device(), &poolInfo, nullptr, &pool));
    mPool = gpu::DescriptorPool(context.device(), pool);
    context.setDebugName(pool, VK_OBJECT_TYPE_DESCRIPTOR_POOL, "uiDescriptorPool");
    mRenderPass = createOverlayRenderPass(context);

    initBackend();
}

void ImGuiLayer::initBackend() {
    gpu::Context& context = mContext;
    ImGui_ImplVulkan_InitInfo init{};
    init.Instance = context.instance();
    init.PhysicalDevice = context.physicalDevice();
    init.Device = context.device();
    init.QueueFamily = context.queueFamily();
    init.Queue = context.queue();
    init.DescriptorPool = mPool;
    init.MinImageCount = 2;
    init.ImageCount = 2;
    init.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
    init.CheckVkResultFn = checkImGuiVk;
    ImGui_ImplVulkan_Init(&init, mRenderPass);
    context.submitAndWait([](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
    ImGui_ImplVulkan_DestroyFontUploadObjects();
}

void ImGuiLayer::setScale(float scale) {
    if (std::abs(scale - mScale) < 1e-3f) return;
    // Fonts are rasterised at their size: a new scale means a new font atlas, and ImGui 1.86's
    // Vulkan backend can only replace its font texture by starting again.
    mContext.waitIdle();
    ImGui_ImplVulkan_Shutdown();
    mScale = scale;
    applyTheme(scale);
    initBackend();
}

ImGuiLayer::~ImGuiLayer() {
    mContext.waitIdle();
    mFramebuffer.reset();
    ImGui_ImplVulkan_Shutdown();
    ImGui::DestroyContext();
}

bool ImGuiLayer::handle(const platform::InputEvent& e) {
    ImGuiIO& io = ImGui::GetIO();
    switch (e.type) {
    case platform::EventType::PointerMove: io.MousePos = ImVec2(e.x, e.y); break;
    case platform::EventType::PointerDown:
    case platform::EventType::PointerUp:
        io.MousePos = ImVec2(e.x, e.y);
        if (e.button >= 0 && e.button < 5)
            io.MouseDown[e.button] = e.type == platform::EventType::PointerDown;
        break;
    case platform::EventType::Scroll:
        io.MouseWheel += e.scrollY;
        io.MouseWheelH += e.scrollX;
        break;
    case platform::EventType::KeyDown:
    case platform::EventType::KeyUp:
        if (int k = imguiKeyIndex(e.key); k >= 0) io.KeysDown[k] = e.type == platform::EventType::KeyDown;
        io.KeyShift = (e.mods & platform::keys::kModShift) != 0;
        io.KeyCtrl = (e.mods & platform::keys::kModControl) != 0;
        io.KeyAlt = (e.mods & platform::keys::kModAlt) != 0;
        break;
    case platform::EventType::Text:
        if (e.key > 0 && e.key <= 0x10FFFF) io.AddInputCharacter(unsigned(e.key));
        break;
    default: break;
    }
    switch (e.type) {
    case platform::EventType::PointerDown:
    case platform::EventType::PointerMove:
    case platform::EventType::Scroll: return io.WantCaptureMouse;
    // Typing into a text field: its keys and characters are the field's alone. A key's release is
    // never taken, so that nothing held before the field was entered is left pressed.
    case platform::EventType::KeyDown:
    case platform::EventType::Text: return io.WantTextInput;
    default: return false;
    }
}

void ImGuiLayer::beginFrame(float dt, uint32_t width, uint32_t height) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(width), float(height));
    io.DeltaTime = dt > 0.0f ? dt : 1.0f / 60.0f;
    ImGui_ImplVulkan_NewFrame();
    ImGui::NewFrame();
}

void ImGuiLayer::endFrame() { ImGui::Render(); }

VkFramebuffer ImGuiLayer::framebufferFor(const gpu::OffscreenTarget& target) {
    VkImageView view = target.output().aliasView();
    if (view != mFramebufferView || !mFramebuffer) {
        mContext.waitIdle();
        VkFramebufferCreateInfo info{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
        info.renderPass = mRenderPass;
        info.attachmentCount = 1;
        info.pAttachments = &view;
        info.width = target.desc().width;
        info.height = target.desc().height;
        info.layers = 1;
        VkFramebuffer framebuffer;
        SR_VK_CHECK(vkCreateFramebuffer(mContext.device(), &info, nullptr, &framebuffer));
        mFramebuffer = gpu::Framebuffer(mContext.device(), framebuffer);
        mFramebufferView = view;
    }
    return mFramebuffer;
}

void ImGuiLayer::record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target) {
    ImDrawData* data = ImGui::GetDrawData();
    if (!data || data->CmdListsCount == 0) return;
    VkRenderPassBeginInfo begin{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
    begin.renderPass = mRenderPass;
    begin.framebuffer = framebufferFor(target);
    begin.renderArea = {{0, 0}, {target.desc().width, target.desc().height}};
    vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
    ImGui_ImplVulkan_RenderDrawData(data, cmd);
    vkCmdEndRenderPass(cmd);
}

} // namespace sr::ui
