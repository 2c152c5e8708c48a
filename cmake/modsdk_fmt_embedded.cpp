// SPDX-License-Identifier: MIT
// {fmt}'s compiled part for modules built with `modsdk_add_module(... FMT EMBEDDED)`: compiled from the
// installed {fmt} headers (format-inl.h) once per build tree, as a PIC object library with hidden
// visibility, so a module .so needs neither libfmt.so nor exports any of {fmt}'s symbols. The explicit
// instantiations are the char ones {fmt}'s own library provides (src/format.cc of the same release).
#include <fmt/format-inl.h>

#if FMT_VERSION < 90000 || FMT_VERSION >= 100000
#error "modsdk: FMT EMBEDDED is written for {fmt} 9 (Debian 12's libfmt-dev 9.1); use FMT SHARED with another {fmt}"
#endif

FMT_BEGIN_NAMESPACE
namespace detail {
template FMT_API auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template FMT_API auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;
template FMT_API locale_ref::locale_ref(const std::locale& loc);
template FMT_API auto locale_ref::get<std::locale>() const -> std::locale;
template FMT_API auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template FMT_API auto decimal_point_impl(locale_ref) -> char;
template FMT_API void buffer<char>::append(const char*, const char*);
template FMT_API void vformat_to(buffer<char>&, string_view, basic_format_args<FMT_BUFFER_CONTEXT(char)>, locale_ref);
}  // namespace detail
FMT_END_NAMESPACE
