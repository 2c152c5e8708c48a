// SPDX-License-Identifier: MIT
// Transformations (modsdk/transformations.hpp): what one operation holds (its name, the parser of its
// parameters and its evaluator, made from the user's function), the parsed parameters the core keeps in
// the transformation's tr_param_t (one pkg block the core frees as it frees its own), and the
// transformations section with its trans_export_t row: one class, whose parse_func finds the operation
// and parses its parameters at startup and whose eval_func runs the operation on a value. A parameter
// that is a variable (`{probe.shout,$var(n)}`) is parsed by the core's pv_parse_spec into a pkg pv_spec_t
// hung on a TR_PARAM_SPEC node after modsdk's block, so the core frees it with its own (pv_spec_free);
// it is read per call.
#pragma once
#include <array>
#include <cstddef>
#include <cstring>
#include <modsdk/config.hpp>
#include <new>
#include <string>
#include <string_view>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/abi/trans.hpp>
#include <modsdk/detail/memory.hpp>
#include <modsdk/detail/source_location.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

inline constexpr std::size_t max_trans_params = 8;

/// The parameters of one use of an operation, parsed at startup: ints, text copied into the block, or a
/// variable (`specs[i]`, read per call; its text is kept for messages).
struct trans_args {
  int count = 0;
  int ints[max_trans_params]{};
  int offs[max_trans_params]{};
  int lens[max_trans_params]{};
  abi::pv_spec* specs[max_trans_params]{};
  const char* text() const noexcept { return reinterpret_cast<const char*>(this + 1); }  // NOLINT(*-reinterpret-cast)
  std::string_view str(int i) const noexcept { return {text() + offs[i], static_cast<std::size_t>(lens[i])}; }
};
/// The block the core holds as the transformation's params: its node, then the args, then their text.
struct trans_block {
  abi::tr_param node;
  trans_args args;
};

/// The parameter kinds an operation takes, for the parser.
enum class trans_param_kind : unsigned char { integer, text };

/// What the transformations section needs of one operation (modsdk::transformation<F> fills it).
struct trans_op_def {
  const char* name = nullptr;
  int min_params = 0, max_params = 0;
  trans_param_kind kinds[max_trans_params]{};
  int (*eval)(abi::sip_msg*, const trans_args&, abi::pv_value*, const char* op) = nullptr;
  const char* signature = "";    ///< the parameters, e.g. "int", for messages
  const char* value_type = "";   ///< "int" or "string": the value the operation takes, for the reference
  const char* result_type = "";  ///< "int" or "string", for the reference
  bool nullable = false;         ///< may give NULL
};

inline bool trans_int(std::string_view t, int& out) noexcept {
  if (t.empty()) return false;
  long long v = 0;
  std::size_t i = (t[0] == '-' || t[0] == '+') ? 1 : 0;
  if (i == t.size()) return false;
  for (; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9') return false;
    v = v * 10 + (t[i] - '0');
    if (v > 2147483648LL) return false;
  }
  if (t[0] == '-') v = -v;
  if (v > 2147483647LL) return false;
  out = static_cast<int>(v);
  return true;
}

constexpr bool trans_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// A pkg TR_PARAM_SPEC node for `spec`, appended to `*tail` (the core frees both: free_tr_param).
inline bool hang_trans_spec(abi::tr_param**& tail, abi::pv_spec* spec) noexcept {
  auto* node =
      static_cast<abi::tr_param*>(mem::pkg_malloc(sizeof(abi::tr_param), ::modsdk::detail::source_location::current()));
  if (!node) return false;
  *node = {};
  node->type = abi::tr_param_spec;
  node->v.data = spec;
  *tail = node;
  tail = &node->next;
  return true;
}

/// The parameters after the operation's name: literals up to each ',' (trimmed), or a variable parsed by
/// the core's pv_parse_spec up to where the core says it ends. Each parsed variable is hung on `t` at
/// once, so that the core frees it even when the transformation is refused later. -1 (logged) on error.
inline int scan_trans_params(std::string_view cls, const trans_op_def& d, std::string_view all, std::string_view rest,
                             abi::trans* t, std::array<std::string_view, max_trans_params>& text,
                             std::array<abi::pv_spec*, max_trans_params>& specs) noexcept {
  abi::tr_param** tail = &t->params;
  while (*tail) tail = &(*tail)->next;
  const char* p = rest.data();
  const char* const end = rest.data() + rest.size();
  int n = 0;
  for (;;) {
    while (p < end && trans_space(*p)) ++p;
    std::string_view v;
    abi::pv_spec* spec = nullptr;
    if (p < end && *p == '$') {
      spec = static_cast<abi::pv_spec*>(
          mem::pkg_malloc(MODSDK_PV_SPEC_STORAGE, ::modsdk::detail::source_location::current()));
      if (!spec) {
        log::write_for(log::level::error, "parse_transformation", "no more pkg memory for {{{}.{}}}", cls, d.name);
        return -1;
      }
      std::memset(static_cast<void*>(spec), 0, MODSDK_PV_SPEC_STORAGE);
      abi::str in{const_cast<char*>(p), static_cast<int>(end - p)};  // NOLINT(*-const-cast): the core reads it
      const char* after = abi::pv_parse_spec(&in, spec);
      if (!after || after > end || after == p) {
        mem::pkg_free(spec, ::modsdk::detail::source_location::current());
        log::write_for(log::level::error, "parse_transformation",
                       "{{{}.{}}} parameter {}: the core cannot parse the variable in \"{}\" in [{}.{}]", cls, d.name,
                       n + 1, std::string_view(p, static_cast<std::size_t>(end - p)), cls, all);
        return -1;
      }
      if (!hang_trans_spec(tail, spec)) {
        mem::pkg_free(spec, ::modsdk::detail::source_location::current());
        log::write_for(log::level::error, "parse_transformation", "no more pkg memory for {{{}.{}}}", cls, d.name);
        return -1;
      }
      v = std::string_view(p, static_cast<std::size_t>(after - p));
      p = after;
      while (p < end && trans_space(*p)) ++p;
      if (p < end && *p != ',') {
        log::write_for(log::level::error, "parse_transformation",
                       "{{{}.{}}} parameter {}: unexpected \"{}\" after the variable {} in [{}.{}]", cls, d.name, n + 1,
                       std::string_view(p, static_cast<std::size_t>(end - p)), v, cls, all);
        return -1;
      }
    } else {
      const char* q = p;
      while (q < end && *q != ',') ++q;
      v = std::string_view(p, static_cast<std::size_t>(q - p));
      while (!v.empty() && trans_space(v.back())) v.remove_suffix(1);
      p = q;
    }
    if (n < static_cast<int>(max_trans_params)) {
      text[static_cast<std::size_t>(n)] = v;
      specs[static_cast<std::size_t>(n)] = spec;
    }
    ++n;
    if (p >= end) return n;
    ++p;  // the ','
  }
}

/// parse_func for class `cls` with `ops`: finds the operation, checks and parses its parameters, and hangs
/// them on `t` in one pkg block (followed by the variables' TR_PARAM_SPEC nodes). -1 (logged as the core
/// logs a refused transformation) on any error; what was hung on `t` is the core's to free.
inline int parse_trans(const char* cls, const trans_op_def* ops, std::size_t n_ops, abi::str* in, void* tv) noexcept {
  auto* t = static_cast<abi::trans*>(tv);
  if (!in || !in->s || in->len < 0 || !t) return -1;
  const std::string_view all(in->s, static_cast<std::size_t>(in->len));
  const std::size_t comma = all.find(',');
  std::string_view op = all.substr(0, comma);
  while (!op.empty() && trans_space(op.back())) op.remove_suffix(1);
  while (!op.empty() && trans_space(op.front())) op.remove_prefix(1);
  auto same = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if ((a[i] | 0x20) != (b[i] | 0x20)) return false;  // the core matches names case-insensitively
    return true;
  };
  std::size_t k = 0;
  while (k < n_ops && !same(op, ops[k].name)) ++k;
  if (k == n_ops) {
    log::write_for(log::level::error, "parse_transformation", "unknown transformation: {}.{} in [{}.{}]", cls, op, cls,
                   all);
    return -1;
  }
  const trans_op_def& d = ops[k];
  std::array<std::string_view, max_trans_params> p{};
  std::array<abi::pv_spec*, max_trans_params> specs{};
  const int n =
      comma == std::string_view::npos ? 0 : scan_trans_params(cls, d, all, all.substr(comma + 1), t, p, specs);
  if (n < 0) return -1;
  if (n < d.min_params || n > d.max_params) {
    if (d.min_params == d.max_params)
      log::write_for(log::level::error, "parse_transformation",
                     "{{{}.{}}} takes {} parameter(s) ({}), got {} in [{}.{}]", cls, d.name, d.min_params, d.signature,
                     n, cls, all);
    else
      log::write_for(log::level::error, "parse_transformation",
                     "{{{}.{}}} takes {} to {} parameters ({}), got {} in [{}.{}]", cls, d.name, d.min_params,
                     d.max_params, d.signature, n, cls, all);
    return -1;
  }
  std::size_t text = 0;
  for (int i = 0; i < n; ++i) {
    const std::string_view v = p[static_cast<std::size_t>(i)];
    int dummy = 0;
    if (!specs[static_cast<std::size_t>(i)] && d.kinds[i] == trans_param_kind::integer && !trans_int(v, dummy)) {
      log::write_for(log::level::error, "parse_transformation",
                     "{{{}.{}}} parameter {} is not an int: \"{}\" in [{}.{}]", cls, d.name, i + 1, v, cls, all);
      return -1;
    }
    text += v.size();
  }
  auto* b = static_cast<trans_block*>(
      mem::pkg_malloc(sizeof(trans_block) + text + 1, ::modsdk::detail::source_location::current()));
  if (!b) {
    log::write_for(log::level::error, "parse_transformation", "no more pkg memory for {{{}.{}}}", cls, d.name);
    return -1;
  }
  ::new (b) trans_block{};
  b->node.type = abi::tr_param_none;
  b->node.next = t->params;  // the variables' nodes
  b->args.count = n;
  char* out = reinterpret_cast<char*>(&b->args + 1);  // NOLINT(*-reinterpret-cast): the text after the args
  std::size_t at = 0;
  for (int i = 0; i < n; ++i) {
    const std::string_view v = p[static_cast<std::size_t>(i)];
    b->args.specs[i] = specs[static_cast<std::size_t>(i)];
    if (!b->args.specs[i] && d.kinds[i] == trans_param_kind::integer) (void)trans_int(v, b->args.ints[i]);
    b->args.offs[i] = static_cast<int>(at);
    b->args.lens[i] = static_cast<int>(v.size());
    if (!v.empty()) std::memcpy(out + at, v.data(), v.size());
    at += v.size();
  }
  out[at] = '\0';
  t->name = *in;
  t->subtype = static_cast<int>(k);
  t->params = &b->node;
  return 0;
}

/// Text an operation returned as std::string lives in one of these until the core has read it (the
/// core copies or compares a transformed value before the eighth next one is made).
inline std::string_view hold_trans_text(std::string&& s) {
  static std::array<std::string, 8> ring;
  static std::size_t next = 0;
  std::string& slot = ring[next++ % ring.size()];
  slot = std::move(s);
  return slot;
}

inline void log_trans_failure(const char* op, const char* what) noexcept {
  if (what)
    log::write_for(log::level::error, "transformation", "transformation {} failed: exception: {}", op, what);
  else
    log::write_for(log::level::error, "transformation", "transformation {} failed: unknown exception", op);
}

/// The transformations section: one class (the `cls` of `{cls.op,...}`) and its N operations.
template <std::size_t N>
struct transformations_section {
  static constexpr section_kind kind = section_kind::transformations;
  const char* cls;
  int cls_len;
  trans_op_def ops[N];

  template <class Tag>
  static int parse(abi::str* in, void* t) noexcept {
    constexpr const auto& s = get_section<Tag, section_kind::transformations>();
    return parse_trans(s.cls, s.ops, N, in, t);
  }
  template <class Tag>
  static int eval(abi::sip_msg* msg, void* params, int subtype, abi::pv_value* val) noexcept {
    constexpr const auto& s = get_section<Tag, section_kind::transformations>();
    if (!val || subtype < 0 || subtype >= static_cast<int>(N) || !params) return -1;
    const auto* b = static_cast<const trans_block*>(params);
    return s.ops[subtype].eval(msg, b->args, val, s.ops[subtype].name);
  }
  template <class Tag>
  static constexpr std::array<abi::trans_export, 2> table_data = {
      {{{get_section<Tag, section_kind::transformations>().cls,
         get_section<Tag, section_kind::transformations>().cls_len},
        &parse<Tag>,
        &eval<Tag>},
       {{nullptr, 0}, nullptr, nullptr}}};
  template <class Tag>
  static constexpr const abi::trans_export* table() {
    static_assert(distinct_ops<Tag>(),
                  "modsdk: transformations(...): two operations have the same name (the core matches them "
                  "case-insensitively); give each a name of its own");
    return table_data<Tag>.data();
  }
  template <class Tag>
  static constexpr bool distinct_ops() {
    constexpr const auto& s = get_section<Tag, section_kind::transformations>();
    for (std::size_t i = 0; i < N; ++i)
      for (std::size_t j = 0; j < i; ++j) {
        const std::string_view a(s.ops[i].name), b(s.ops[j].name);
        bool same = a.size() == b.size();
        for (std::size_t c = 0; same && c < a.size(); ++c) same = (a[c] | 0x20) == (b[c] | 0x20);
        if (same) return false;
      }
    return true;
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE
