// SPDX-License-Identifier: MIT
/// @file The dialog module's API bound at mod_init (modsdk/dialog.hpp): the current dialog, creating one,
/// per-dialog callbacks with per-dialog state, and dialog values. Profiles and the module-wide `created`
/// callback are declared next to the binding (dialog/profile.hpp, dialog/created.hpp) and resolved or
/// registered by it in mod_init.
#pragma once
#include <modsdk/config.hpp>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/dialog.hpp>
#include <modsdk/detail/binding.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/detail/shm_state.hpp>
#include <modsdk/detail/source_location.hpp>
#include <modsdk/dialog/view.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message.hpp>

MODSDK_BEGIN_NAMESPACE
namespace dialog {

class binding;

namespace detail {
template <auto F>
inline constexpr bool plain_callback = std::is_invocable_v<decltype(F), const dialog_event&>;
template <auto F, class T>
inline constexpr bool state_callback = std::is_invocable_v<decltype(F), const dialog_event&, T&>;

using ::modsdk::detail::shm_state;

template <class T>
inline constexpr bool value_type = std::is_same_v<T, std::string> || std::is_same_v<T, int>;

inline void log_exception(const char* what) noexcept {
  if (what)
    log::write_for(log::level::error, "dialog callback", "a dialog callback threw: {}", what);
  else
    log::write_for(log::level::error, "dialog callback", "a dialog callback threw a non-standard exception");
}

template <auto F>
void plain_trampoline(abi::dlg_cell* d, int type, abi::dlg_cb_params* p) noexcept {
  ::modsdk::detail::firewall(
      [&] {
        F(dialog_event(d, type, p));
        return true;
      },
      [](const char* what) {
        log_exception(what);
        return true;
      });
}

template <auto F, class T>
void state_trampoline(abi::dlg_cell* d, int type, abi::dlg_cb_params* p) noexcept {
  ::modsdk::detail::firewall(
      [&] {
        F(dialog_event(d, type, p), *static_cast<T*>(*p->param));
        return true;
      },
      [](const char* what) {
        log_exception(what);
        return true;
      });
}

/// A profile declared against a binding (dialog/profile.hpp), resolved by search_profile in mod_init.
struct profile_link {
  const char* name;
  bool with_value;
  abi::dlg_profile_table* table = nullptr;
  profile_link* next = nullptr;
};

/// A module-wide `created` callback declared against a binding (dialog/created.hpp).
struct created_link {
  abi::dialog_cb* f;
  created_link* next = nullptr;
};

inline abi::str to_str(std::string_view s) noexcept {
  return {const_cast<char*>(s.data()), static_cast<int>(s.size())};
}
}  // namespace detail

/// The dialog module's API for this module. Declare one at namespace scope and list it in modsdk::binds(...).
class binding {
 public:
  static constexpr const char* module_name = "dialog";
  static constexpr const char* loader = "load_dlg";

  constexpr binding() noexcept = default;

  /// Whether mod_init bound the dialog module (false before, or when the binding is not in binds(...)).
  bool bound() const noexcept { return bound_; }

  /// The dialog of the request being processed (created by create_dialog() or create(), or matched by
  /// loose_route for a sequential request); nullopt when there is none.
  std::optional<view> current() const noexcept {
    if (!ready("current")) return std::nullopt;
    abi::dlg_cell* d = api_.get_dlg();
    if (!d) return std::nullopt;
    return view(d);
  }

  /// Creates the dialog of an initial INVITE, as the script's create_dialog() does (nothing when it
  /// exists already). False (logged by the dialog module) when it could not.
  bool create(const message& msg) noexcept {
    if (!ready("create")) return false;
    return api_.create_dlg(msg.raw(), 0) > 0;
  }

  /// Calls `F(const dialog_event&)` on `which` events of the dialog `d`. False (logged) when the dialog
  /// module refuses (the dialog has ended) or `which` holds `event::created`.
  template <auto F>
  bool on(const view& d, events which) noexcept {
    static_assert(detail::plain_callback<F>,
                  "modsdk: dialog.on<F>(dlg, events): F must be callable as F(const modsdk::dialog::dialog_event&) "
                  "(or pass a state: dialog.on<F>(dlg, events, state) with F(const dialog_event&, T&))");
    if (!ready("on")) return false;
    return add(d, which, &detail::plain_trampoline<F>, nullptr, nullptr);
  }

  /// Calls `F(const dialog_event&, T&)` on `which` events of `d`, with a copy of `state` kept in shm for the
  /// dialog's life and freed by the dialog module when it frees the dialog.
  template <auto F, class T>
  bool on(const view& d, events which, const T& state) noexcept {
    static_assert(detail::shm_state<T>,
                  "modsdk: dialog.on<F>(dlg, events, state): the state lives in shm and is seen by every process; "
                  "its type must be trivially copyable, not a pointer, aligned to at most 8 (no std::string or "
                  "vector: use fixed arrays)");
    static_assert(detail::state_callback<F, T>,
                  "modsdk: dialog.on<F>(dlg, events, state): F must be callable as "
                  "F(const modsdk::dialog::dialog_event&, T&) where T is the state's type");
    if (!ready("on")) return false;
    T* s = ::modsdk::detail::new_shm_state(state);
    if (!s) {
      log::write_for(log::level::error, "dialog.on", "out of shm for a {}-byte dialog state", sizeof(T));
      return false;
    }
    if (add(d, which, &detail::state_trampoline<F, T>, s, &::modsdk::detail::release_shm_state<T>)) return true;
    ::modsdk::detail::release_shm_state<T>(s);
    return false;
  }

  /// Stores the text `value` as the dialog value `name` ($dlg_val(name) in the script), replacing any.
  bool set_value(const view& d, std::string_view name, std::string_view value) noexcept {
    abi::int_str v{};
    v.s = detail::to_str(value);
    return store("set_value", d, name, &v, abi::dlg_val_type_str);
  }
  /// Stores the integer `value` as the dialog value `name`, replacing any.
  bool set_value(const view& d, std::string_view name, int value) noexcept {
    abi::int_str v{};
    v.n = value;
    return store("set_value", d, name, &v, abi::dlg_val_type_int);
  }
  /// Removes the dialog value `name` (true also when there was none).
  bool erase_value(const view& d, std::string_view name) noexcept {
    return store("erase_value", d, name, nullptr, abi::dlg_val_type_none);
  }
  /// The dialog value `name` as T (std::string or int); nullopt when it is not set or holds the other type.
  template <class T>
  std::optional<T> value(const view& d, std::string_view name) const noexcept {
    static_assert(detail::value_type<T>,
                  "modsdk: dialog.value<T>(dlg, name): T is std::string or int (the dialog module stores text and "
                  "integers)");
    if (!ready("value")) return std::nullopt;
    abi::str n = detail::to_str(name);
    int type = abi::dlg_val_type_none;
    abi::int_str out{};
    if (api_.fetch_dlg_value(d.raw(), &n, &type, &out, 0) != 0) return std::nullopt;
    if constexpr (std::is_same_v<T, int>) {
      if (type != abi::dlg_val_type_int) return std::nullopt;
      return out.n;
    } else {
      if (type != abi::dlg_val_type_str) return std::nullopt;
      try {
        return std::string(out.s.s ? out.s.s : "", out.s.s ? static_cast<std::size_t>(out.s.len) : 0);
      } catch (...) {
        log::write_for(log::level::error, "dialog.value", "out of memory copying the dialog value '{}'", name);
        return std::nullopt;
      }
    }
  }

  /// The core's dlg_binds, for what modsdk does not wrap (nullptr before mod_init).
  const abi::dlg_binds* raw() const noexcept { return bound_ ? &api_ : nullptr; }

 private:
  friend struct ::modsdk::detail::binding_access;
  template <bool>
  friend class basic_profile;
  template <auto>
  friend class on_created;

  bool ready(const char* what) const noexcept {
    if (bound_) return true;
    log::write_for(log::level::error, "dialog",
                   "dialog.{}: the dialog API is not bound: list the binding in modsdk::binds(...) "
                   "of MODSDK_MODULE; it is bound in mod_init, so it cannot be used before",
                   what);
    return false;
  }

  bool store(const char* what, const view& d, std::string_view name, abi::int_str* v, int type) noexcept {
    if (!ready(what)) return false;
    abi::str n = detail::to_str(name);
    if (api_.store_dlg_value(d.raw(), &n, v, type) != 0) {
      log::write_for(log::level::error, "dialog.set_value", "the dialog module could not store the value '{}'", name);
      return false;
    }
    return true;
  }

  bool add(const view& d, events which, abi::dialog_cb* f, void* param, abi::dlg_param_free_cb* release) noexcept {
    if (which.contains(event::created)) {
      log::write_for(log::level::error, "dialog.on",
                     "event::created is module-wide: declare a modsdk::dialog::on_created<F> next to the binding");
      return false;
    }
    if (api_.register_dlgcb(d.raw(), which.bits(), f, param, release) != 0) {
      log::write_for(log::level::error, "dialog.on", "the dialog module refused the callback (events {:#x})",
                     which.bits());
      return false;
    }
    return true;
  }

  bool resolve(detail::profile_link& p) noexcept {
    abi::str n{const_cast<char*>(p.name), static_cast<int>(std::char_traits<char>::length(p.name))};
    p.table = api_.search_profile(&n);
    const char* param = p.with_value ? "profiles_with_value" : "profiles_no_value";
    if (!p.table) {
      log::write_for(log::level::error, "mod_init",
                     "the dialog profile '{}' is not defined: add modparam(\"dialog\", \"{}\", \"{}\") to the script",
                     p.name, param, p.name);
      return false;
    }
    if ((p.table->has_value != 0) != p.with_value) {
      log::write_for(log::level::error, "mod_init",
                     "the dialog profile '{}' is defined {} values but declared as a modsdk::dialog::{}: define it "
                     "in modparam(\"dialog\", \"{}\", ...) or change the declaration",
                     p.name, p.table->has_value ? "with" : "without", p.with_value ? "profile_with_value" : "profile",
                     param);
      p.table = nullptr;
      return false;
    }
    return true;
  }

  bool bind_from(abi::cmd_function load) noexcept {
    abi::dlg_binds b{};
    // load_dlg is exported as a pseudo-command; its real type is int(struct dlg_binds*).
    auto f = reinterpret_cast<abi::load_dlg_f>(reinterpret_cast<void (*)()>(load));
    if (f(&b) < 0 || !b.register_dlgcb || !b.get_dlg || !b.search_profile || !b.store_dlg_value || !b.fetch_dlg_value)
      return false;
    api_ = b;
    bool ok = true;
    for (detail::profile_link* p = profiles_; p; p = p->next) ok = resolve(*p) && ok;
    for (detail::created_link* c = created_; ok && c; c = c->next) {
      if (api_.register_dlgcb(nullptr, abi::dlgcb_created, c->f, nullptr, nullptr) != 0) {
        log::write_for(log::level::error, "mod_init", "the dialog module refused a created callback");
        ok = false;
      }
    }
    bound_ = ok;
    return ok;
  }

  abi::dlg_binds api_{};
  bool bound_ = false;
  detail::profile_link* profiles_ = nullptr;
  detail::created_link* created_ = nullptr;
};

}  // namespace dialog
MODSDK_END_NAMESPACE
