// SPDX-License-Identifier: MIT
// Test kit fake core: format strings (pvar.c: pv_parse_format, pv_printf, pv_printf_s, pv_elem_free_all).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <array>
#include <cstdlib>
#include <cstring>
#include <string>

#include <modsdk/abi/core.hpp>
#include <modsdk/config.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/mem.hpp>
#include <modsdk/testing/fake/pv_spec.hpp>
#include <modsdk/testing/fake/pv_value.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

// Formats: a list of {text, spec} elements, like pv_elem_t. Module-made lists are counted pkg memory.
struct fake_elem {
  abi::str text;
  alignas(16) unsigned char spec[MODSDK_PV_SPEC_STORAGE];
  bool has_spec;
  bool counted;
  fake_elem* next;
};

inline void free_format(fake_elem* e) noexcept {
  while (e) {
    fake_elem* n = e->next;
    if (e->has_spec) free_spec_trans(e->spec);
    if (e->counted)
      counted_pkg_free(e, "pv_elem_free_all");
    else
      std::free(e);
    e = n;
  }
}

/// mirrors pvar.c:pv_parse_format(): text up to each '$', then a spec.
inline int parse_format(const abi::str* in, fake_elem** out, bool counted) noexcept {
  if (!in || !in->s || !out) return -1;
  auto alloc = [&]() -> fake_elem* {
    void* p = counted ? counted_pkg_malloc(sizeof(fake_elem), "pv_parse_format") : std::malloc(sizeof(fake_elem));
    if (!p) return nullptr;
    auto* e = static_cast<fake_elem*>(p);
    std::memset(e, 0, sizeof *e);
    e->counted = counted;
    return e;
  };
  *out = nullptr;
  if (in->len == 0) {
    *out = alloc();
    if (!*out) return -1;
    (*out)->text = *in;
    return 0;
  }
  const char* p = in->s;
  const char* end = in->s + in->len;
  fake_elem* last = nullptr;
  while (p < end) {
    fake_elem* e = alloc();
    if (!e) {
      core_log(abi::l_err, "pv_parse_format", "not enough pkg memory for PV element");
      free_format(*out);
      *out = nullptr;
      return -1;
    }
    if (last)
      last->next = e;
    else
      *out = e;
    last = e;
    e->text.s = const_cast<char*>(p);
    while (p < end && *p != '$') ++p;
    e->text.len = static_cast<int>(p - e->text.s);
    if (p >= end) break;
    abi::str rest{const_cast<char*>(p), static_cast<int>(end - p)};
    char* after = parse_spec(&rest, reinterpret_cast<abi::pv_spec*>(e->spec));
    if (!after) {
      core_log(abi::l_err, "pv_parse_format", "parsing PV spec failed");
      free_format(*out);
      *out = nullptr;
      return -1;
    }
    e->has_spec = true;
    p = after;
  }
  return 0;
}

inline bool format_is_plain(const fake_elem* e) noexcept { return e && !e->next && !e->has_spec; }

/// mirrors pvar.c:pv_printf(): the elements' text and values into `buf` of `size` bytes (NUL-terminated;
/// NULL values as "<null>", a value the core fails to get prints nothing). Text or a value that does not
/// fit (with the NUL) fails with the core's two lines; `print_buf` picks the second line's wording.
inline int print_into(abi::sip_msg* msg, fake_elem* list, char* buf, int* len, bool print_buf) noexcept {
  if (!msg || !list || !buf || !len || *len <= 0) return -1;
  const auto size = static_cast<std::size_t>(*len);
  std::size_t n = 0;
  buf[0] = '\0';
  auto overflow = [&](const char* what, std::size_t more) {
    core_log(abi::l_err, "pv_printf", "no more space for %s [%zu][%zu]", what, n, more);
    if (print_buf)
      core_log(abi::l_err, "pv_printf", "buffer too small -- increase 'pv_print_buf_size' from [%zu]", size);
    else
      core_log(abi::l_err, "pv_printf", "buffer too small -- increase the buffer size from [%zu]...", size);
    return -1;
  };
  try {
    for (auto* e = list; e; e = e->next) {
      if (e->text.s && e->text.len > 0) {
        if (n + static_cast<std::size_t>(e->text.len) >= size)
          return overflow("text", static_cast<std::size_t>(e->text.len));
        std::memcpy(buf + n, e->text.s, static_cast<std::size_t>(e->text.len));
        n += static_cast<std::size_t>(e->text.len);
      }
      if (!e->has_spec) continue;
      abi::pv_value v{};
      auto* sp = reinterpret_cast<abi::pv_spec*>(e->spec);
      if (auto* h = as_module_spec(sp)) {
        if (h->getf(msg, &h->pvp, &v) != 0) set_null(&v);
      } else if (auto* s = as_spec(sp); !s || get_spec_value(msg, s, &v) != 0) {
        continue;
      }
      std::string value;
      if (v.flags & abi::pv_val_null)
        value = "<null>";
      else if (v.flags & abi::pv_val_str)
        value.assign(v.rs.s, static_cast<std::size_t>(v.rs.len));
      else if (v.flags & (abi::pv_val_int | abi::pv_type_int))
        value = std::to_string(v.ri);
      if (n + value.size() >= size) return overflow("spec value", value.size());
      std::memcpy(buf + n, value.data(), value.size());
      n += value.size();
    }
  } catch (...) {
    return -1;
  }
  buf[n] = '\0';
  *len = static_cast<int>(n);
  return 0;
}

/// mirrors pv_printf_s(): a plain text is returned as is; anything else is printed (pv_printf) into one
/// of 7 rotating buffers of pv_print_buf_size bytes.
inline int print_format(abi::sip_msg* msg, fake_elem* list, abi::str* out) noexcept {
  if (!list || !out) return -1;
  if (format_is_plain(list)) {
    *out = list->text;
    return 0;
  }
  static std::array<std::string, 7> bufs;
  static unsigned next = 0;
  try {
    std::string& b = bufs[next++ % bufs.size()];
    b.assign(static_cast<std::size_t>(st().pv_print_buf_size), '\0');
    int len = static_cast<int>(b.size());
    if (print_into(msg, list, b.data(), &len, true) != 0) return -1;
    *out = {b.data(), len};
    return 0;
  } catch (...) {
    return -1;
  }
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE

// ---- the core symbols: formats ----------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
int pv_parse_format(const str* in, pv_elem** el) {
  return testing::detail::parse_format(in, reinterpret_cast<testing::detail::fake_elem**>(el), true);
}
int pv_printf(sip_msg* msg, pv_elem* list, char* buf, int* len) {
  return testing::detail::print_into(msg, reinterpret_cast<testing::detail::fake_elem*>(list), buf, len, false);
}
int pv_printf_s(sip_msg* msg, pv_elem* list, str* s) {
  if (!msg) return -1;
  return testing::detail::print_format(msg, reinterpret_cast<testing::detail::fake_elem*>(list), s);
}
int pv_elem_free_all(pv_elem* list) {
  testing::detail::free_format(reinterpret_cast<testing::detail::fake_elem*>(list));
  return 0;
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
