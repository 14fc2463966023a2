// The bridge: an HTTP + WebSocket server (Boost.Beast) that lets real Tauri frontends, through
// the unchanged @tauri-apps/api and the script it serves at /eventlab-tauri.js, drive a Session
// as if it were their Tauri backend. Each connected page is one simulated webview window.
//
// One I/O thread does all the network work and every bus call a page makes, so a page's
// messages, results and deliveries stay in order. A page that stops reading is cut off once
// its send queue passes a bound; it never stalls the bus, the GUI or the other pages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace eventlab {
class Session;
class CommandStandIn;
}  // namespace eventlab

namespace eventlab::bridge {

struct BridgeOptions {
    std::string bind = "127.0.0.1";
    std::uint16_t port = 1430;                 // 0: any free port
    std::vector<std::string> allowed_origins;  // besides the loopback ones
    std::string static_dir;                    // also serve these files at / (empty: none)
    std::size_t max_message = 16u << 20;       // a bigger page message closes it with 1009
    std::size_t max_send_queue = 64u << 20;    // bytes waiting for a page before it is cut off
    // Bytes all pages together may hold (waiting to be sent to them, or half received from
    // them); past it the page holding the most is cut off, then the next, until under.
    std::size_t max_buffered = 256u << 20;
    std::function<void()> wake;  // called on the I/O thread after a page changed something
    // The app's backend stand-in (--backend): pages' app and non-core plugin commands go to it
    // first. Null: none.
    std::shared_ptr<CommandStandIn> stand_in;
};

struct PageInfo {
    std::string label;
    std::string url;   // a tap's: "tauri <its release>"
    bool tap = false;  // a real app's tap (tauri-plugin-eventlab), not a page
};

// The connected peers in a few words for the status bar: "2 pages", "0 pages · tapped app:
// tauri 2.12.7". A tap is a whole app, not one of its pages, so it is named apart.
std::string describe_peers(const std::vector<PageInfo>& peers);

class BridgeServer {
  public:
    explicit BridgeServer(BridgeOptions options);
    ~BridgeServer();  // stops
    BridgeServer(const BridgeServer&) = delete;
    BridgeServer& operator=(const BridgeServer&) = delete;

    // Binds and starts the I/O thread with pages joining `session` (may be null until attach).
    // Returns an error text when the address cannot be bound.
    std::string start(Session* session);
    // Pages join another session from now on; the pages of the old one are told it was reset
    // and disconnected. Waits until the I/O thread no longer touches the old session.
    void attach(Session* session);
    // Disconnects every page and joins the I/O thread. Safe to call twice.
    void stop();

    std::uint16_t port() const;
    std::string url() const;  // http://127.0.0.1:PORT
    std::vector<PageInfo> pages() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace eventlab::bridge
