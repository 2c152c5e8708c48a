// SPDX-License-Identifier: MIT
/// @file A module's reference, generated from its declarations: every script function (parameter kinds
/// and types, optional parameters, allowed routes), every modparam (type, accepted values, default),
/// statistics, MI commands, dependencies and processes - as Markdown shaped like an OpenSIPS module
/// README, or as a JSON manifest.
///
/// A generator is a small program that includes the module's source (the declarations are internal to
/// its translation unit) and links the fake core (modsdk::testing):
///
///     #include "new_module.cpp"
///     #define MODSDK_TESTING_IMPLEMENTATION
///     #include <modsdk/testing.hpp>
///     #include <modsdk/reference.hpp>
///
///     int main(int argc, char** argv) {
///       return modsdk::reference_main(MODSDK_MODULE_REFERENCE(new_module), argc, argv);
///     }
///
///     $ new_module_reference --markdown new_module.md --json new_module.json
///
/// Without the source, `modsdk::reference_from_exports(exports)` reads what the C tables show (names,
/// parameter kinds, routes, MI recipes), which is all a built .so offers.
#pragma once
#include <modsdk/config.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <modsdk/impl/module/exports.hpp>
#include <modsdk/reference/format.hpp>
#include <modsdk/reference/model.hpp>
#include <modsdk/reference/sections.hpp>
#include <modsdk/reference/writer.hpp>
#include <modsdk/impl/module/section.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {
template <class Tag, std::size_t I>
void describe_section(reference_writer& w) {
  using S = typename def_traits<def_t<Tag>>::template section_t<I>;
  if constexpr (requires { S::template describe<Tag, I>(w); }) S::template describe<Tag, I>(w);
  else if constexpr (requires { S::template describe<Tag>(w); }) S::template describe<Tag>(w);
  else if constexpr (requires { section_describer<S>::template describe<Tag, I>(w); })
    section_describer<S>::template describe<Tag, I>(w);
}
}  // namespace detail

/// The reference of the module whose MODSDK_MODULE tag is `Tag`: what its C tables show, completed by
/// each section's describe() hook. Prefer MODSDK_MODULE_REFERENCE(name), which names the tag for you.
template <class Tag>
module_reference reference_of() {
  module_reference r = reference_from_exports(detail::make_exports<Tag>());
  detail::reference_writer w{r};
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (detail::describe_section<Tag, I>(w), ...);
  }(std::make_index_sequence<detail::def_traits<detail::def_t<Tag>>::size>{});
  return r;
}

/// Writes the files a generator's command line asks for: `--markdown <file>` and/or `--json <file>`
/// (`-` is stdout). Returns 0, or 2 on a bad command line or an unwritable file (with a message).
inline int reference_main(const module_reference& ref, int argc, char** argv) {
  if (argc < 3 || argc % 2 == 0) {
    std::fprintf(stderr, "usage: %s [--markdown <file|->] [--json <file|->]\n", argc ? argv[0] : "reference");
    return 2;
  }
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string text;
    if (std::strcmp(argv[i], "--markdown") == 0) text = ref.markdown();
    else if (std::strcmp(argv[i], "--json") == 0) text = ref.json();
    else {
      std::fprintf(stderr, "%s: unknown option %s (use --markdown or --json)\n", argv[0], argv[i]);
      return 2;
    }
    const bool out = std::strcmp(argv[i + 1], "-") == 0;
    std::FILE* f = out ? stdout : std::fopen(argv[i + 1], "w");
    if (!f) {
      std::fprintf(stderr, "%s: cannot write %s: %s\n", argv[0], argv[i + 1], std::strerror(errno));
      return 2;
    }
    std::fwrite(text.data(), 1, text.size(), f);
    if (!out) std::fclose(f);
  }
  return 0;
}

MODSDK_END_NAMESPACE

/// The reference (a modsdk::module_reference) of the module defined in this translation unit with
/// MODSDK_MODULE(name, ...) (or MODSDK_DEFINE_MODULE(name, ...): give the variable name).
#define MODSDK_MODULE_REFERENCE(name) ::modsdk::reference_of<modsdk_module_tag_##name>()
