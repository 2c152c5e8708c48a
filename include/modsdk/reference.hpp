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
/// Given `--needed-from <file>`, the output of `objdump -p` (or `readelf -d`) of the built .so, the
/// reference also lists the libraries the .so needs at run time (its NEEDED entries: libstdc++, and
/// libfmt.so.9 for a module built with FMT SHARED).
///
/// Without the source, `modsdk::reference_from_exports(exports)` reads what the C tables show (names,
/// parameter kinds, routes, MI recipes), which is all a built .so offers.
#pragma once
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <modsdk/impl/module/exports.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/reference/format.hpp>
#include <modsdk/reference/model.hpp>
#include <modsdk/reference/sections.hpp>
#include <modsdk/reference/services.hpp>
#include <modsdk/reference/writer.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {
template <class Tag, std::size_t I>
void describe_section(reference_writer& w) {
  using S = typename def_traits<def_t<Tag>>::template section_t<I>;
  if constexpr (requires { S::template describe<Tag, I>(w); })
    S::template describe<Tag, I>(w);
  else if constexpr (requires { S::template describe<Tag>(w); })
    S::template describe<Tag>(w);
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
  [&]<std::size_t... I>(std::index_sequence<I...>) { (detail::describe_section<Tag, I>(w), ...); }
  (std::make_index_sequence<detail::def_traits<detail::def_t<Tag>>::size>{});
  return r;
}

/// The NEEDED entries (the libraries a .so needs at run time, in order) in the text `objdump -p <so>`
/// prints ("  NEEDED               libc.so.6") or `readelf -d <so>` prints
/// (" 0x... (NEEDED)             Shared library: [libc.so.6]"). Other lines are ignored.
inline std::vector<std::string> runtime_libraries_from(std::string_view dump) {
  std::vector<std::string> out;
  while (!dump.empty()) {
    const std::size_t eol = dump.find('\n');
    std::string_view line = dump.substr(0, eol);
    dump.remove_prefix(eol == std::string_view::npos ? dump.size() : eol + 1);
    const auto next_word = [&line] {  // the next blank-separated word of `line`, taken off it
      constexpr std::string_view blank = " \t\r";
      line.remove_prefix(std::min(line.find_first_not_of(blank), line.size()));
      const std::string_view word = line.substr(0, line.find_first_of(blank));
      line.remove_prefix(word.size());
      return word;
    };
    if (const std::size_t r = line.find("(NEEDED)"); r != std::string_view::npos) {  // readelf -d
      const std::size_t b = line.find('[', r), e = line.find(']', r);
      if (b != std::string_view::npos && e != std::string_view::npos && e > b + 1)
        out.emplace_back(line.substr(b + 1, e - b - 1));
    } else if (next_word() == "NEEDED") {  // objdump -p
      if (const std::string_view lib = next_word(); !lib.empty()) out.emplace_back(lib);
    }
  }
  return out;
}

/// Writes the files a generator's command line asks for: `--markdown <file>` and/or `--json <file>`
/// (`-` is stdout), after `--needed-from <file>` (wherever it is given) has filled the runtime libraries
/// from the `objdump -p`/`readelf -d` output of the built .so. Returns 0, or 2 on a bad command line, an
/// unreadable or unwritable file, or a --needed-from file that names no NEEDED entry (with a message).
inline int reference_main(const module_reference& reference, int argc, char** argv) {
  if (argc < 3 || argc % 2 == 0) {
    std::fprintf(stderr,
                 "usage: %s [--needed-from <objdump -p output of the .so>] [--markdown <file|->] [--json <file|->]\n",
                 argc ? argv[0] : "reference");
    return 2;
  }
  module_reference ref = reference;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--needed-from") != 0) continue;
    std::FILE* f = std::fopen(argv[i + 1], "r");
    if (!f) {
      std::fprintf(stderr, "%s: cannot read %s: %s\n", argv[0], argv[i + 1], std::strerror(errno));
      return 2;
    }
    std::string dump;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) dump.append(buf, n);
    std::fclose(f);
    ref.runtime_libraries = runtime_libraries_from(dump);
    if (ref.runtime_libraries->empty()) {
      std::fprintf(stderr, "%s: %s names no NEEDED library: give it the output of `objdump -p <module>.so`\n", argv[0],
                   argv[i + 1]);
      return 2;
    }
  }
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string text;
    if (std::strcmp(argv[i], "--markdown") == 0)
      text = ref.markdown();
    else if (std::strcmp(argv[i], "--json") == 0)
      text = ref.json();
    else if (std::strcmp(argv[i], "--needed-from") == 0)
      continue;
    else {
      std::fprintf(stderr, "%s: unknown option %s (use --markdown, --json or --needed-from)\n", argv[0], argv[i]);
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
