// SPDX-License-Identifier: MIT
/// @file A pseudo-variable named in C++ code, parsed once per process and evaluated per message:
///
///     constinit modsdk::pv_spec x_foo = modsdk::pv("$hdr(X-Foo)");   // a module-level global
///     constinit modsdk::pv_spec out{"$var(out)"};
///
///     bool f(modsdk::request& msg) {
///       if (auto v = x_foo(msg).get_str()) modsdk::log::info("X-Foo: {}", *v);
///       return out(msg).set(42);
///     }
///
/// The text is parsed by the core (pv_parse_spec) the first time the spec is used in a process, into a
/// buffer inside the object large enough for every supported core's pv_spec_t. Call parse() from
/// on_init to parse it once before the workers fork and to fail startup on a typo. The object is
/// constant-initialised and trivially destructible; it must outlive every use (make it a global).
#pragma once
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/core.hpp>
#include <modsdk/detail/pv.hpp>
#include <modsdk/message.hpp>
#include <modsdk/variable.hpp>

MODSDK_BEGIN_NAMESPACE

/// A pseudo-variable given as text (`"$ru"`, `"$hdr(X-Foo)"`, `"$var(n)"`, `"$(hdr(Via)[1])"`).
class pv_spec {
 public:
  /// `text` must stay valid for the life of the process (the core keeps pointers into it): a string
  /// literal, or text you keep alive.
  constexpr explicit pv_spec(const char* text) noexcept : storage_(text) {}
  pv_spec(const pv_spec&) = delete;
  pv_spec& operator=(const pv_spec&) = delete;

  /// The text as given.
  constexpr std::string_view text() const noexcept { return storage_.text(); }
  /// Parses the text now if this process has not done it yet; false (and an error in the log) when the
  /// core does not know the variable or the text has trailing junk.
  bool parse() noexcept { return storage_.parse(); }
  /// The core's parsed spec, or nullptr when the text does not parse.
  abi::pv_spec* get() noexcept { return storage_.get(); }

  /// The variable bound to a message (read, write, unset). When the text does not parse, the variable
  /// reads as unset and refuses writes.
  variable operator()(const message& msg) noexcept { return variable(msg.raw(), get()); }
  variable operator()(abi::sip_msg* msg) noexcept { return variable(msg, get()); }

 private:
  detail::pv_storage storage_;
};

/// `modsdk::pv("$hdr(X-Foo)")`: a pv_spec from a string literal (checked to be a compile-time constant,
/// so its text lives as long as the program).
template <std::size_t N>
consteval pv_spec pv(const char (&text)[N]) noexcept {
  return pv_spec(text);
}

MODSDK_END_NAMESPACE
