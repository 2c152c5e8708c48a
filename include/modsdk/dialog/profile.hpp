// SPDX-License-Identifier: MIT
/// @file Dialog profiles (modsdk/dialog.hpp): a profile defined in the dialog module's modparams, declared
/// next to the binding and looked up by name in mod_init; dialogs are put in it and counted.
///
///     modsdk::dialog::binding dlg;
///     modsdk::dialog::profile calls{dlg, "calls"};                    // profiles_no_value
///     modsdk::dialog::profile_with_value per_caller{dlg, "caller"};   // profiles_with_value
///
/// A profile the script does not define, or defines with/without values unlike its declaration, fails the
/// start with one line naming the modparam to add.
#pragma once
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/dialog.hpp>
#include <modsdk/dialog/binding.hpp>
#include <modsdk/dialog/view.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace dialog {

/// A dialog profile without values (WithValue false) or with values (true); use the aliases below.
template <bool WithValue>
class basic_profile {
 public:
  /// Declares the profile `name` (a string literal) of the dialog module bound by `b`; mod_init looks it up.
  basic_profile(binding& b, const char* name) noexcept : b_(&b), link_{name, WithValue} {
    link_.next = b.profiles_;
    b.profiles_ = &link_;
  }
  basic_profile(const basic_profile&) = delete;
  basic_profile& operator=(const basic_profile&) = delete;

  /// The profile's name.
  std::string_view name() const noexcept { return link_.name; }
  /// Whether mod_init found it.
  bool resolved() const noexcept { return link_.table != nullptr; }

  /// Puts the dialog in the profile. False (logged) on failure.
  bool set(const view& d) noexcept requires(!WithValue) { return set_impl(d, nullptr); }
  /// Puts the dialog in the profile under `value`. False (logged) on failure.
  bool set(const view& d, std::string_view value) noexcept requires WithValue {
    abi::str v = detail::to_str(value);
    return set_impl(d, &v);
  }
  /// Takes the dialog out of the profile. False when it was not in it.
  bool unset(const view& d) noexcept requires(!WithValue) { return unset_impl(d, nullptr); }
  /// Takes the dialog out of the profile's `value`. False when it was not in it.
  bool unset(const view& d, std::string_view value) noexcept requires WithValue {
    abi::str v = detail::to_str(value);
    return unset_impl(d, &v);
  }
  // Misuse: a value for a profile without values, or none for a profile with values.
  template <class V>
  bool set(const view&, const V&) noexcept requires(!WithValue) {
    static_assert(sizeof(V) == 0,
                  "modsdk: profile.set(dlg, value): this modsdk::dialog::profile has no values (profiles_no_value): "
                  "call set(dlg), or declare a modsdk::dialog::profile_with_value");
    return false;
  }
  template <class V = void>
  bool set(const view&) noexcept requires WithValue {
    static_assert(sizeof(V*) == 0,
                  "modsdk: profile.set(dlg): a modsdk::dialog::profile_with_value needs the value: set(dlg, value)");
    return false;
  }

  /// How many dialogs are in the profile (all values together for a profile with values).
  unsigned count() const noexcept { return count_impl(nullptr); }
  /// How many dialogs are in the profile under `value`.
  unsigned count(std::string_view value) const noexcept requires WithValue {
    abi::str v = detail::to_str(value);
    return count_impl(&v);
  }

 private:
  bool ready(const char* what) const noexcept {
    if (!b_->ready(what)) return false;
    if (link_.table) return true;
    log::write_for(log::level::error, "dialog", "dialog profile '{}': {}: the profile was not found in mod_init",
                   link_.name, what);
    return false;
  }
  bool set_impl(const view& d, abi::str* v) noexcept {
    if (!ready("set")) return false;
    if (b_->api_.set_profile(d.raw(), v, link_.table, 0) != 0) {
      log::write_for(log::level::error, "dialog", "dialog profile '{}': the dialog module refused to set it",
                     link_.name);
      return false;
    }
    return true;
  }
  bool unset_impl(const view& d, abi::str* v) noexcept {
    if (!ready("unset")) return false;
    return b_->api_.unset_profile(d.raw(), v, link_.table) == 1;
  }
  unsigned count_impl(abi::str* v) const noexcept {
    if (!ready("count")) return 0;
    return b_->api_.get_profile_size(link_.table, v);
  }

  binding* b_;
  detail::profile_link link_;
};

/// A profile of the `profiles_no_value` modparam: set(dlg), unset(dlg), count().
using profile = basic_profile<false>;
/// A profile of the `profiles_with_value` modparam: set(dlg, value), unset(dlg, value), count(), count(value).
using profile_with_value = basic_profile<true>;

}  // namespace dialog
MODSDK_END_NAMESPACE
