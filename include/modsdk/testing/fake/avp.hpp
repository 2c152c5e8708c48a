// SPDX-License-Identifier: MIT
// Test kit fake core: AVPs (usr_avp.c): names resolved to ids, one list of values with the newest first, the
// value stored after the node as the core stores it. The script's $avp(name) (pv_value.hpp), the test's
// fake_core::set_var("$avp(..)") and a module's AVP calls all work on this one list.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cstdlib>
#include <cstring>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>

#include <modsdk/abi/avp.hpp>
#include <modsdk/testing/fake/core_state.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

/// The id of an AVP name (1, 2, ... in order of first use), adding it when `add`; -1 when unknown.
inline int avp_id(std::string_view name, bool add) {
  auto& names = st().avp_names;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i) + 1;
  if (!add || name.empty()) return -1;
  names.emplace_back(name);
  return static_cast<int>(names.size());
}

/// mirrors usr_avp.c:new_avp(): a text value is copied after the node, NUL-terminated.
inline abi::usr_avp* new_avp(unsigned short flags, int id, abi::int_str val) noexcept {
  if (id < 0) {
    core_log(abi::l_err, "new_avp", "invalid AVP name!");
    return nullptr;
  }
  std::size_t len = sizeof(abi::usr_avp);
  if (flags & abi::avp_val_str) len += sizeof(abi::str) - sizeof(void*) + static_cast<std::size_t>(val.s.len) + 1;
  auto* avp = static_cast<abi::usr_avp*>(std::calloc(1, len));
  if (!avp) return nullptr;
  avp->flags = flags;
  avp->id = id;
  if (flags & abi::avp_val_str) {
    auto* s = reinterpret_cast<abi::str*>(&avp->data);
    s->len = val.s.len;
    s->s = reinterpret_cast<char*>(s) + sizeof(abi::str);
    if (val.s.len > 0) std::memcpy(s->s, val.s.s, static_cast<std::size_t>(val.s.len));
    s->s[s->len] = '\0';
  } else if (!(flags & abi::avp_val_null)) {
    // the core keeps an int value in the pointer itself
    avp->data = reinterpret_cast<void*>(static_cast<long>(val.n));  // NOLINT(performance-no-int-to-ptr)
  }
  return avp;
}

inline void free_all_avps() noexcept {
  auto& head = st().avp_list;
  while (head) {
    abi::usr_avp* n = head->next;
    std::free(head);
    head = n;
  }
}

inline abi::usr_avp* search_id(abi::usr_avp* avp, int id, unsigned short flags) noexcept {
  for (; avp; avp = avp->next)
    if (id == avp->id && (flags == 0 || (flags & avp->flags))) return avp;
  return nullptr;
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE

// ---- the core symbols: AVPs ------------------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
int parse_avp_spec(const str* name, int* avp_name) {
  if (!name || !name->s || name->len == 0) return -1;
  int id = -1;
  try {
    id = testing::detail::avp_id(std::string_view(name->s, static_cast<std::size_t>(name->len)), true);
  } catch (...) {
    return -1;
  }
  if (avp_name) *avp_name = id;
  return 0;
}
void get_avp_val(usr_avp* avp, int_str* val) {
  if (!avp || !val) return;
  if (avp->flags & avp_val_str)
    val->s = *reinterpret_cast<str*>(&avp->data);
  else
    val->n = static_cast<int>(reinterpret_cast<long>(avp->data));
}
int add_avp(unsigned short flags, int name, int_str val) {
  usr_avp* avp = testing::detail::new_avp(flags, name, val);
  if (!avp) {
    testing::detail::core_log(l_err, "add_avp", "Failed to create new avp structure");
    return -1;
  }
  avp->next = testing::detail::st().avp_list;
  testing::detail::st().avp_list = avp;
  return 0;
}
int add_avp_last(unsigned short flags, int name, int_str val) {
  usr_avp* avp = testing::detail::new_avp(flags, name, val);
  if (!avp) {
    testing::detail::core_log(l_err, "add_avp_last", "Failed to create new avp structure");
    return -1;
  }
  usr_avp** p = &testing::detail::st().avp_list;
  while (*p) p = &(*p)->next;
  *p = avp;
  return 0;
}
usr_avp* search_first_avp(unsigned short flags, int id, int_str* val, usr_avp* start) {
  if (id < 0) {
    testing::detail::core_log(l_err, "search_first_avp", "invalid avp id %d", id);
    return nullptr;
  }
  usr_avp* head = start ? start->next : testing::detail::st().avp_list;
  usr_avp* avp = testing::detail::search_id(head, id, flags & avp_script_mask);
  if (avp && val) get_avp_val(avp, val);
  return avp;
}
usr_avp* search_next_avp(usr_avp* avp, int_str* val) {
  if (!avp || !avp->next) return nullptr;
  avp = testing::detail::search_id(avp->next, avp->id, avp->flags & avp_script_mask);
  if (avp && val) get_avp_val(avp, val);
  return avp;
}
usr_avp* search_index_avp(unsigned short flags, int name, int_str* val, unsigned int index) {
  usr_avp* avp = nullptr;
  while ((avp = search_first_avp(flags, name, val, avp)) != nullptr) {
    if (index == 0) return avp;
    --index;
  }
  return nullptr;
}
int count_avps(unsigned short flags, int name) {
  int n = 0;
  for (usr_avp* a = nullptr; (a = search_first_avp(flags, name, nullptr, a)) != nullptr;) ++n;
  return n;
}
void destroy_avp(usr_avp* avp_del) {
  for (usr_avp** p = &testing::detail::st().avp_list; *p; p = &(*p)->next)
    if (*p == avp_del) {
      *p = avp_del->next;
      std::free(avp_del);
      return;
    }
}
int destroy_avps(unsigned short flags, int name, int all) {
  int n = 0;
  for (usr_avp* a; (a = search_first_avp(flags, name, nullptr, nullptr)) != nullptr;) {
    destroy_avp(a);
    ++n;
    if (!all) break;
  }
  return n;
}
// mirrors usr_avp.c:replace_avp(): a negative index counts from the oldest value.
int replace_avp(unsigned short flags, int name, int_str val, int index) {
  if (index < 0) {
    index += count_avps(flags, name);
    if (index < 0) return -1;
  }
  usr_avp* old = search_index_avp(flags, name, nullptr, static_cast<unsigned>(index));
  if (!old) return -1;
  usr_avp* fresh = testing::detail::new_avp(flags, name, val);
  if (!fresh) return -1;
  for (usr_avp** p = &testing::detail::st().avp_list; *p; p = &(*p)->next)
    if (*p == old) {
      fresh->next = old->next;
      *p = fresh;
      std::free(old);
      break;
    }
  return 0;
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
