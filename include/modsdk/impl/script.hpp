// SPDX-License-Identifier: MIT
// The script services (modsdk/context.hpp, modsdk/script_callbacks.hpp, modsdk/script_routes.hpp): the
// slot and route handles the sections resolve, and the three sections that register them with the core in
// mod_init (the only time the core takes context slots and script callbacks; routes are looked up there
// so that a route missing from the cfg stops the start with its name).
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/script.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

// ---- context slots -----------------------------------------------------------------------------------
/// What the context_slots section needs of a slot (modsdk::context_slot<T>): its kind, its destroy
/// function, and the position the core gave it (-1 until registered).
class context_slot_base {
 public:
  constexpr context_slot_base(int type, abi::context_destroy_f destroy) noexcept : type_(type), destroy_(destroy) {}
  /// Registers the slot in every message context (mod_init only); false, logged, when the core refuses.
  bool register_slot() noexcept {
    const int p = type_ == abi::context_int_type   ? abi::context_register_int(abi::context_global, destroy_)
                  : type_ == abi::context_str_type ? abi::context_register_str(abi::context_global, destroy_)
                                                   : abi::context_register_ptr(abi::context_global, destroy_);
    if (p < 0) {
      log::write_for(log::level::error, "mod_init", "the core refused a message context slot ({})", p);
      return false;
    }
    pos_ = p;
    return true;
  }
  /// The slot's place in the current message's context, or nullptr (logged when `why` is given) when no
  /// message is being processed or the slot was never registered.
  void* place(const char* why) const noexcept {
    void* ctx = abi::current_processing_ctx;
    if (pos_ < 0 || !ctx) {
      if (why)
        log::write_for(log::level::error, "context_slot", "{}: {}", why,
                       pos_ < 0 ? "the slot is not registered (list it in modsdk::context_slots(...))"
                                : "no message is being processed here");
      return nullptr;
    }
    const std::size_t size = type_ == abi::context_int_type   ? sizeof(int)
                             : type_ == abi::context_str_type ? sizeof(abi::str)
                                                              : sizeof(void*);
    return static_cast<char*>(ctx) + abi::type_offsets[abi::context_global][type_] +
           size * static_cast<std::size_t>(pos_);
  }
  constexpr int position() const noexcept { return pos_; }

 private:
  int type_;
  abi::context_destroy_f destroy_;
  int pos_ = -1;
};

/// The context_slots section: the module's slots, registered in mod_init.
template <std::size_t N>
struct context_slots_section {
  static constexpr section_kind kind = section_kind::context_slots;
  context_slot_base* objs[N];

  template <class Tag>
  static bool on_init() {
    for (context_slot_base* s : get_section<Tag, section_kind::context_slots>().objs)
      if (!s->register_slot()) return false;
    return true;
  }
};

// ---- script callbacks --------------------------------------------------------------------------------
/// What the script_callbacks section needs of one callback (modsdk::before_request<F> ... fill it).
struct script_cb_def {
  int type = 0;  ///< PRE_SCRIPT_CB or POST_SCRIPT_CB, with REQ_TYPE_CB or RPL_TYPE_CB
  abi::script_cb_function* fn = nullptr;
  int priority = 0;
  const char* what = "";  ///< "before the request script" ..., for messages and the reference
};

/// The script_callbacks section: registered in mod_init, in declaration order (the core orders by priority,
/// then registration).
template <std::size_t N>
struct script_callbacks_section {
  static constexpr section_kind kind = section_kind::script_callbacks;
  script_cb_def defs[N];

  template <class Tag>
  static bool on_init() {
    for (const script_cb_def& d : get_section<Tag, section_kind::script_callbacks>().defs)
      if (abi::register_script_cb_prio(d.fn, d.type, nullptr, d.priority) != 0) {
        log::write_for(log::level::error, "mod_init", "the core refused the script callback {}", d.what);
        return false;
      }
    return true;
  }
};

// ---- script routes -----------------------------------------------------------------------------------
/// What the script_routes section needs of a route handle (modsdk::script_route): the name and the core's
/// reference to it.
class script_route_base {
 public:
  constexpr explicit script_route_base(const char* name) noexcept : name_(name) {}
  /// The route's name, as `route[name]` writes it in the cfg.
  constexpr std::string_view name() const noexcept { return name_; }
  /// Looks the route up in the cfg; false (logged with its name when `report`) when the cfg has no such route.
  bool resolve(bool report = true) noexcept {
    if (!ref_) {
      if (!abi::sroutes) {
        log::write_for(log::level::error, "script_route", "route \"{}\": the core has no script routes here", name_);
        return false;
      }
      // the core copies the name into the reference it allocates; it never writes through it
      char* n = const_cast<char*>(name_);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
      ref_ = abi::ref_script_route_by_name(n, static_cast<abi::script_route*>(abi::sroutes), abi::rt_no,
                                           abi::request_route, 0);
    }
    if (!ref_ || ref_->idx < 0 || ref_->idx >= abi::rt_no) {
      if (report)
        log::write_for(log::level::error, "script_route",
                       "route \"{}\" is not defined in the script (route[{}] {{ ... }})", name_, name_);
      return false;
    }
    return true;
  }
  /// The route's entry in the cfg's request routes, or nullptr (logged).
  abi::script_route* entry() noexcept {
    if (!resolve()) return nullptr;
    return static_cast<abi::script_route*>(abi::sroutes) + ref_->idx;
  }

 private:
  const char* name_;
  abi::script_route_ref* ref_ = nullptr;
};

/// The route level's `$param(n)`: a route run from C++ has no parameters (NULL).
inline int no_route_params(abi::sip_msg* msg, abi::pv_param* ip, abi::pv_value* res, void*, void*) noexcept {
  return abi::pv_get_null(msg, ip, res);
}

/// Runs a route for `msg` as the dispatcher module runs its algorithm route: a route level named for it,
/// its actions, and what it returned.
inline int run_script_route(script_route_base& r, abi::sip_msg* msg) noexcept {
  abi::script_route* e = r.entry();
  if (!e || !msg) return -1;
  abi::route_params_push_level(e->name, nullptr, nullptr, &no_route_params);
  const int rc = abi::run_actions_returning(e->a, msg);
  abi::route_params_pop_level();
  return rc;
}

/// The script_routes section: the module's route handles, looked up in mod_init.
template <std::size_t N>
struct script_routes_section {
  static constexpr section_kind kind = section_kind::script_routes;
  script_route_base* objs[N];

  template <class Tag>
  static bool on_init() {
    bool ok = true;
    for (script_route_base* r : get_section<Tag, section_kind::script_routes>().objs) ok = r->resolve() && ok;
    return ok;
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE
