// SPDX-License-Identifier: MIT
/// @file A request a module sends through tm (tm.request, t_request): what to send, and the completion
/// callbacks modsdk hands to tm for it.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/tm.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/log.hpp>
#include <modsdk/tm/transaction.hpp>

MODSDK_BEGIN_NAMESPACE
namespace tm {

/// A request to send (t_request). tm builds it with a new Call-ID, From tag and CSeq 1; `headers` and `body`
/// are copied into the request as they are.
struct request_spec {
  std::string_view method{};    ///< "OPTIONS", "MESSAGE" ...; required
  std::string_view ruri{};      ///< the R-URI; empty: the `to` URI
  std::string_view to{};        ///< the To URI; required
  std::string_view from{};      ///< the From URI; required
  std::string_view headers{};   ///< extra header lines, each ending in CRLF ("Content-Type: text/plain\r\n")
  std::string_view body{};      ///< the body (give its Content-Type in `headers`)
  std::string_view next_hop{};  ///< the outbound proxy URI; empty: the R-URI
};

namespace detail {

template <auto F>
inline constexpr bool plain_completion = std::is_invocable_v<decltype(F), const completion&>;
template <auto F, class T>
inline constexpr bool state_completion = std::is_invocable_v<decltype(F), const completion&, T&>;

inline void log_completion_exception(const char* what) noexcept {
  if (what)
    log::write_for(log::level::error, "tm completion", "a request's completion callback threw: {}", what);
  else
    log::write_for(log::level::error, "tm completion",
                   "a request's completion callback threw a non-standard exception");
}

/// TMCB_LOCAL_COMPLETED of a request sent with tm.request<F>: F(completion).
template <auto F>
void completion_trampoline(abi::tm_cell* t, int, abi::tmcb_params* p) noexcept {
  ::modsdk::detail::firewall(
      [&] {
        F(completion(t, p));
        return true;
      },
      [](const char* what) {
        log_completion_exception(what);
        return true;
      });
}

/// The same with the request's state (in shm): F(completion, T&).
template <auto F, class T>
void state_completion_trampoline(abi::tm_cell* t, int, abi::tmcb_params* p) noexcept {
  ::modsdk::detail::firewall(
      [&] {
        F(completion(t, p), *static_cast<T*>(*p->param));
        return true;
      },
      [](const char* what) {
        log_completion_exception(what);
        return true;
      });
}

/// Whether one of the header lines is a Content-Type (or its compact form "c:").
inline bool has_content_type(std::string_view headers) noexcept {
  auto starts = [](std::string_view line, std::string_view name) {
    if (line.size() < name.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i)
      if ((line[i] | 0x20) != name[i]) return false;
    return true;
  };
  while (!headers.empty()) {
    const std::size_t eol = headers.find("\r\n");
    std::string_view line = headers.substr(0, eol);
    if (starts(line, "content-type:") || starts(line, "content-type ") || starts(line, "c:") || starts(line, "c "))
      return true;
    if (eol == std::string_view::npos) break;
    headers.remove_prefix(eol + 2);
  }
  return false;
}

/// Why a request_spec cannot be sent (nullptr: it can).
inline const char* request_spec_error(const request_spec& r) noexcept {
  if (r.method.empty()) return "the method is empty";
  if (r.to.empty()) return "the To URI is empty";
  if (r.from.empty()) return "the From URI is empty";
  if (!r.headers.empty() && !r.headers.ends_with("\r\n")) return "the extra headers must end in CRLF";
  if (!r.body.empty() && !has_content_type(r.headers)) return "a body needs its Content-Type in the headers";
  return nullptr;
}

}  // namespace detail
}  // namespace tm
MODSDK_END_NAMESPACE
