// SPDX-License-Identifier: MIT
// exports_reader <module.so>: prints what the core's loader would read from a module's `exports` symbol,
// without loading the module (dlopen would need the core's symbols): name, type, dlflags and the version,
// flags and scm strings, one "field: value" line each. A tiny ELF64 reader: the symbol from .dynsym,
// its bytes from the PT_LOAD segment holding them, pointer fields through their relative relocations.
#include <elf.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace {
std::vector<unsigned char> image;

template <class T>
std::optional<T> at(std::uint64_t off) {
  if (off + sizeof(T) > image.size()) return std::nullopt;
  T v;
  std::memcpy(&v, image.data() + off, sizeof v);
  return v;
}

const Elf64_Ehdr* ehdr() { return reinterpret_cast<const Elf64_Ehdr*>(image.data()); }

std::optional<Elf64_Shdr> section(unsigned i) {
  return at<Elf64_Shdr>(ehdr()->e_shoff + std::uint64_t(i) * ehdr()->e_shentsize);
}

/// File offset of a virtual address inside a PT_LOAD segment's file image.
std::optional<std::uint64_t> file_offset(std::uint64_t vaddr) {
  for (unsigned i = 0; i < ehdr()->e_phnum; ++i) {
    auto ph = at<Elf64_Phdr>(ehdr()->e_phoff + std::uint64_t(i) * ehdr()->e_phentsize);
    if (!ph || ph->p_type != PT_LOAD) continue;
    if (vaddr >= ph->p_vaddr && vaddr < ph->p_vaddr + ph->p_filesz) return ph->p_offset + (vaddr - ph->p_vaddr);
  }
  return std::nullopt;
}

std::optional<std::string> c_string(std::uint64_t vaddr) {
  auto off = file_offset(vaddr);
  if (!off) return std::nullopt;
  std::string s;
  for (std::uint64_t p = *off; p < image.size() && image[p]; ++p) s += static_cast<char>(image[p]);
  return s;
}

/// The value the dynamic loader stores at `vaddr`: a relative relocation's addend, else the file's bytes.
std::optional<std::uint64_t> pointer_at(std::uint64_t vaddr) {
  for (unsigned i = 0; i < ehdr()->e_shnum; ++i) {
    auto sh = section(i);
    if (!sh || sh->sh_type != SHT_RELA || sh->sh_entsize != sizeof(Elf64_Rela)) continue;
    for (std::uint64_t k = 0; k < sh->sh_size / sizeof(Elf64_Rela); ++k) {
      auto r = at<Elf64_Rela>(sh->sh_offset + k * sizeof(Elf64_Rela));
      if (!r || r->r_offset != vaddr) continue;
      const auto type = ELF64_R_TYPE(r->r_info);
      if (type == R_X86_64_RELATIVE || type == R_AARCH64_RELATIVE) return static_cast<std::uint64_t>(r->r_addend);
      return std::nullopt;  // bound to a symbol: not a string of this module
    }
  }
  auto off = file_offset(vaddr);
  if (!off) return std::nullopt;
  return at<std::uint64_t>(*off);
}

std::string string_field(std::uint64_t base, unsigned field) {
  auto p = pointer_at(base + field);
  if (!p) return "<unresolved>";
  if (*p == 0) return "<NULL>";
  auto s = c_string(*p);
  return s ? *s : "<outside the file>";
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <module.so>\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  image.assign(std::istreambuf_iterator<char>(in), {});
  if (image.size() < sizeof(Elf64_Ehdr) || std::memcmp(image.data(), ELFMAG, SELFMAG) != 0 ||
      image[EI_CLASS] != ELFCLASS64) {
    std::fprintf(stderr, "%s: not an ELF64 file\n", argv[1]);
    return 1;
  }
  std::optional<Elf64_Sym> exports;
  for (unsigned i = 0; i < ehdr()->e_shnum && !exports; ++i) {
    auto sh = section(i);
    if (!sh || sh->sh_type != SHT_DYNSYM) continue;
    auto strtab = section(sh->sh_link);
    if (!strtab) continue;
    for (std::uint64_t k = 0; k < sh->sh_size / sizeof(Elf64_Sym); ++k) {
      auto sym = at<Elf64_Sym>(sh->sh_offset + k * sizeof(Elf64_Sym));
      if (!sym || sym->st_shndx == SHN_UNDEF) continue;
      const std::uint64_t name_off = strtab->sh_offset + sym->st_name;
      if (name_off < image.size() &&
          std::strcmp(reinterpret_cast<const char*>(image.data() + name_off), "exports") == 0) {
        exports = sym;
        break;
      }
    }
  }
  if (!exports) {
    std::fprintf(stderr, "%s: no defined dynamic symbol `exports`\n", argv[1]);
    return 1;
  }
  const std::uint64_t base = exports->st_value;
  auto off = file_offset(base);
  if (!off) {
    std::fprintf(stderr, "%s: `exports` is not in the file image (uninitialised?)\n", argv[1]);
    return 1;
  }
  std::printf("size: %llu\n", static_cast<unsigned long long>(exports->st_size));
  std::printf("binding: %s\n", ELF64_ST_BIND(exports->st_info) == STB_GLOBAL ? "global" : "other");
  std::printf("name: %s\n", string_field(base, 0).c_str());
  std::printf("type: %d\n", at<std::int32_t>(*off + 8).value_or(-1));
  std::printf("version: %s\n", string_field(base, 16).c_str());
  std::printf("flags: %s\n", string_field(base, 24).c_str());
  std::printf("scm.type: %s\n", string_field(base, 32).c_str());
  std::printf("scm.rev: %s\n", string_field(base, 40).c_str());
  std::printf("dlflags: %u\n", at<std::uint32_t>(*off + 48).value_or(~0u));
  return 0;
}
