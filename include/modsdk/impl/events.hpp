// SPDX-License-Identifier: MIT
// Events (modsdk/events.hpp): what every event object shares (its name, its id, its fields for the
// reference), the payload → EVI parameter list conversion, and the events section that publishes each
// event from mod_init (the core's event table is per process: it must be filled before the fork).
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/evi.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// One parameter of an event as the reference lists it.
struct event_field_info {
  std::string_view name;
  bool is_int;
};

/// Whether `name` is one the core publishes and the cfg parser takes in `event_route[...]`: 1 to 64
/// characters (MAX_EVENT_NAME), a letter then letters, digits or '_' (cfg.lex's ID).
constexpr bool valid_event_name(std::string_view name) noexcept {
  if (name.empty() || name.size() > static_cast<std::size_t>(abi::max_event_name)) return false;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!letter(name.front())) return false;
  for (char c : name)
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '_') return false;
  return true;
}

/// What the events section and the reference need of an event object (modsdk::event<P>).
class event_base {
 public:
  constexpr event_base(std::string_view name, const event_field_info* fields, std::size_t count) noexcept
      : name_(name), fields_(fields), field_count_(count) {}

  /// The event's name, as event_route[...] and the MI event commands know it.
  constexpr std::string_view name() const noexcept { return name_; }
  /// The id the core gave it in mod_init (negative before).
  abi::event_id id() const noexcept { return id_; }
  constexpr const event_field_info* fields() const noexcept { return fields_; }
  constexpr std::size_t field_count() const noexcept { return field_count_; }

  /// evi_publish_event; false (logged) when the core refuses it.
  bool publish() noexcept {
    // The core keeps the pointer: the name is a string literal.
    abi::str n{const_cast<char*>(name_.data()), static_cast<int>(name_.size())};  // NOLINT(*-const-cast)
    id_ = abi::evi_publish_event(n);
    if (id_ < 0) {
      log::write_for(log::level::error, "mod_init", "event \"{}\": the core refused to publish it", name_);
      return false;
    }
    return true;
  }

 protected:
  /// evi_probe_event: > 0 when somebody listens, 0 when nobody does, < 0 when the core refuses the id (the
  /// core checks it: an event not published has id -1, which the core reports as an invalid event).
  int probe() const noexcept { return abi::evi_probe_event(id_); }
  /// The probe failed: says why when the event was never published (out of line).
  [[gnu::cold, gnu::noinline]] void not_raised() const noexcept {
    if (id_ < 0)
      log::write_for(log::level::error, name_,
                     "event \"{}\" raised, but it was not published: list it in modsdk::events(...) (mod_init)", name_);
  }
  /// evi_raise_event; the core frees the list.
  bool send(abi::evi_params* list) const noexcept { return abi::evi_raise_event(id_, list) == 0; }

 private:
  std::string_view name_;
  const event_field_info* fields_;
  std::size_t field_count_;
  abi::event_id id_ = -1;
};

/// Adds one int parameter to an EVI list (`slot` holds it while the core reads it).
inline bool add_event_int(abi::evi_params* list, const abi::str* name, int v, int& slot) noexcept {
  slot = v;
  return abi::evi_param_add(list, name, &slot, abi::evi_int_val) == 0;
}
/// Logs a text parameter over the core's limit (out of line: the raise's hot path only tests the size).
[[gnu::cold, gnu::noinline]] inline void event_text_too_long(const abi::str* name, std::size_t size,
                                                             std::string_view event) noexcept {
  log::write_for(log::level::error, event, "event \"{}\": parameter \"{}\" is {} bytes, over the core's limit", event,
                 std::string_view(name->s, static_cast<std::size_t>(name->len)), size);
}

/// Adds one string parameter (referenced, not copied: it lives until the raise returns).
inline bool add_event_text(abi::evi_params* list, const abi::str* name, std::string_view v, abi::str& slot,
                           const event_base& event) noexcept {
  // over INT_MAX: the int is negative, or it lost bits (one sign test when the size came from an int)
  const int len = static_cast<int>(v.size());
  if (len < 0 || static_cast<std::size_t>(len) != v.size()) [[unlikely]] {
    event_text_too_long(name, v.size(), event.name());
    return false;
  }
  slot = abi::str{const_cast<char*>(v.data()), len};  // NOLINT(*-const-cast): read only
  return abi::evi_param_add(list, name, &slot, abi::evi_str_val) == 0;
}

/// The events section: the module's event objects, published in mod_init.
template <std::size_t N>
struct events_section {
  static constexpr section_kind kind = section_kind::events;
  event_base* objs[N];

  template <class Tag>
  static bool on_init() {
    for (event_base* e : get_section<Tag, section_kind::events>().objs)
      if (!e->publish()) return false;
    return true;
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE
