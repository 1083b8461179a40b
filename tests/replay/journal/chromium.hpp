// Headless Chromium for the page tests: where it is, and the DOM of a page after its scripts ran.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace rumor::replay::journal::testing {

inline std::optional<std::string> chromium_path() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    const std::string command = std::string("command -v ") + name + " >/dev/null 2>&1";
    if (std::system(command.c_str()) == 0) return std::string(name);
  }
  return std::nullopt;
}

// The DOM after the page's scripts ran, as Chromium serialises it; fragment (say "#value=3")
// is appended to the page's URL.
inline std::string dump_dom(const std::string& chromium, const std::filesystem::path& page,
                            const std::string& fragment = "") {
  const std::filesystem::path profile =
      std::filesystem::temp_directory_path() / ("rumor_chromium_" + std::to_string(::getpid()));
  const std::string command = "timeout 120 " + chromium +
                              " --headless --no-sandbox --disable-gpu --disable-quic"
                              " --no-first-run --disable-background-networking"
                              " --disable-component-update --disable-sync --user-data-dir=" +
                              profile.string() + " --dump-dom 'file://" + page.string() + fragment +
                              "' 2>/dev/null";
  std::string dom;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
      dom.append(buffer, n);
    ::pclose(pipe);
  }
  std::filesystem::remove_all(profile);
  return dom;
}

}  // namespace rumor::replay::journal::testing
