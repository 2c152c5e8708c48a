// SPDX-License-Identifier: MIT
/// @file Events (the core's event interface, EVI): named events the module raises, caught in the script by
/// `event_route[NAME]` or delivered to MI/transport subscribers, with named int and string parameters.
///
///     struct call_blocked {
///       std::string_view caller;
///       int code;
///     };
///     MODSDK_FIELDS(call_blocked, caller, code);        // the parameters' names
///
///     constinit modsdk::event<call_blocked> blocked{"E_CALL_BLOCKED"};
///     constinit modsdk::event<> cache_flushed{"E_CACHE_FLUSHED"};   // no parameters
///
///     bool block(modsdk::request& req) {
///       blocked.raise({req.from_uri(), 403});          // event_route[E_CALL_BLOCKED] sees $param(caller)
///       return false;
///     }
///     MODSDK_MODULE(new_module, ..., modsdk::events(blocked, cache_flushed));
///
/// The payload is an aggregate whose fields are int-like (int, short, bool, an enum with such an underlying
/// type) or text (std::string_view, const char*, std::string); MODSDK_FIELDS names them, in order, and the
/// names become the event's parameters. The event name is checked at compile time as the core and the cfg
/// parser check it (1 to 64 characters, a letter then letters, digits or '_'). Events are published in
/// mod_init (the core's event table is filled before the fork); raise() works in any process after that.
/// raise() builds no parameter list when nobody subscribed (evi_probe_event), and returns false (logged by
/// the core or modsdk) when the event cannot be raised. Text is referenced during the raise, not copied.
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>

#include <modsdk/abi/evi.hpp>
#include <modsdk/impl/events.hpp>
#include <modsdk/impl/modparams/fields.hpp>
#include <modsdk/params_group.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {
// Named so that the compiler's error names the problem when an event name is refused.
void modsdk_event_error_name_must_be_1_to_64_letters_digits_or_underscores_starting_with_a_letter();

template <class T>
constexpr bool event_int_like() {
  if constexpr (std::is_enum_v<T>)
    return event_int_like<std::underlying_type_t<T>>();
  else
    return std::is_integral_v<T> && (sizeof(T) < sizeof(int) || (sizeof(T) == sizeof(int) && std::is_signed_v<T>));
}
template <class T>
inline constexpr bool event_text =
    std::is_same_v<T, std::string_view> || std::is_same_v<T, const char*> || std::is_same_v<T, std::string>;

template <class P>
constexpr bool event_fields_ok() {
  return []<std::size_t... K>(std::index_sequence<K...>) {
    return (
        (event_int_like<boost::pfr::tuple_element_t<K, P>>() || event_text<boost::pfr::tuple_element_t<K, P>>)&&...);
  }
  (std::make_index_sequence<boost::pfr::tuple_size_v<P>>{});
}

struct no_payload {};

/// The names and kinds of P's fields: the EVI parameter names (static storage: the core keeps pointers).
template <class P>
struct event_layout {
  static constexpr std::size_t size = boost::pfr::tuple_size_v<P>;
  static constexpr auto list = modsdk_fields(static_cast<const P*>(nullptr));
  static constexpr std::array<abi::str, size> names = [] {
    std::array<abi::str, size> a{};
    for (std::size_t k = 0; k < size; ++k)
      a[k] = abi::str{const_cast<char*>(list.names[k].data()), static_cast<int>(list.names[k].size())};  // NOLINT
    return a;
  }();
  static constexpr std::array<event_field_info, size> info = []<std::size_t... K>(std::index_sequence<K...>) {
    return std::array<event_field_info, size>{
        event_field_info{list.names[K], event_int_like<boost::pfr::tuple_element_t<K, P>>()}...};
  }
  (std::make_index_sequence<size>{});
};

/// Where the fields' values live while the core reads them (the list points at them until the raise
/// returns): field K in ints[K] or texts[K], each at its own place (left uninitialised: written before use).
template <std::size_t N>
struct event_slots {
  int ints[N];
  abi::str texts[N];
};

template <std::size_t K, std::size_t N, class T>
bool add_event_field(abi::evi_params* list, const abi::str* name, const T& v, event_slots<N>& slots,
                     const event_base& event) noexcept {
  if constexpr (std::is_enum_v<T> || std::is_integral_v<T>)
    return add_event_int(list, name, static_cast<int>(v), slots.ints[K]);
  else if constexpr (std::is_same_v<T, const char*>)
    return add_event_text(list, name, v ? std::string_view(v) : std::string_view(), slots.texts[K], event);
  else
    return add_event_text(list, name, std::string_view(v), slots.texts[K], event);
}

consteval std::string_view checked_event_name(std::string_view name) {
  if (!valid_event_name(name))
    modsdk_event_error_name_must_be_1_to_64_letters_digits_or_underscores_starting_with_a_letter();
  return name;
}
}  // namespace detail

/// An event the module raises, with parameters from the fields of `Payload` (or none: `event<>`).
template <class Payload = void>
class event : public detail::event_base {
  static_assert(std::is_void_v<Payload> || (std::is_aggregate_v<Payload> && std::is_class_v<Payload>),
                "modsdk: event<P>: the payload P must be an aggregate struct (plain public fields, no constructors); "
                "its fields become the event's parameters");

 public:
  /// `name`: as event_route[...] names it, e.g. "E_CALL_BLOCKED".
  consteval explicit event(const char* name) : event_base(detail::checked_event_name(name), fields(), count()) {}

  /// Raises the event with `p`'s fields as parameters. True when raised or when nobody listens.
  bool raise(const std::conditional_t<std::is_void_v<Payload>, detail::no_payload, Payload>& p) const noexcept
      requires(!std::is_void_v<Payload>) {
    // one test on the way to the list: nobody listens (0), or the core refused the id (< 0: not published)
    const int n = probe();
    if (n <= 0) {
      if (n < 0) [[unlikely]] {
        not_raised();
        return false;
      }
      return true;
    }
    abi::evi_params* list = abi::evi_get_params();
    if (!list) [[unlikely]]
      return false;
    using L = detail::event_layout<std::remove_cvref_t<decltype(p)>>;
    const bool failed = [&]<std::size_t... K>(std::index_sequence<K...>) {
      detail::event_slots<L::size> slots;  // NOLINT(*-member-init): each slot written before the core reads it
      return (!detail::add_event_field<K>(list, &L::names[K], boost::pfr::get<K>(p), slots, *this) || ...);
    }
    (std::make_index_sequence<L::size>{});
    if (failed) [[unlikely]] {
      abi::evi_free_params(list);
      return false;
    }
    if (!send(list)) [[unlikely]]
      return false;
    return true;
  }
  /// Raises an event without parameters.
  bool raise() const noexcept requires std::is_void_v<Payload> {
    const int n = probe();
    if (n <= 0) {
      if (n < 0) [[unlikely]] {
        not_raised();
        return false;
      }
      return true;
    }
    return send(nullptr);
  }

 private:
  static consteval const detail::event_field_info* fields() {
    if constexpr (std::is_void_v<Payload>) {
      return nullptr;
    } else {
      static_assert(detail::described_struct<Payload>,
                    "modsdk: event<P>: name P's fields with MODSDK_FIELDS(P, field1, field2, ...) in P's namespace, "
                    "after its definition: the names become the event's parameters");
      static_assert(detail::event_fields_ok<Payload>(),
                    "modsdk: event<P>: every field of P must be int-like (int, short, bool, an enum of such) or text "
                    "(std::string_view, const char*, std::string): EVI parameters are int or string");
      return detail::event_layout<Payload>::info.data();
    }
  }
  static consteval std::size_t count() {
    if constexpr (std::is_void_v<Payload>)
      return 0;
    else
      return boost::pfr::tuple_size_v<Payload>;
  }
};

/// The module's events: `modsdk::events(blocked, flushed, ...)`, published in mod_init.
template <class... E>
constexpr auto events(E&... e) {
  static_assert((std::is_base_of_v<detail::event_base, E> && ...),
                "modsdk: events(...) takes modsdk::event<P> objects (defined at namespace scope)");
  static_assert(sizeof...(E) > 0, "modsdk: events() needs at least one modsdk::event");
  return detail::events_section<sizeof...(E)>{{static_cast<detail::event_base*>(&e)...}};
}

MODSDK_END_NAMESPACE
