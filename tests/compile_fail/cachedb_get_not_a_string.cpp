// SPDX-License-Identifier: MIT
// get() may find nothing: its value is a std::optional<std::string>, never a plain string.
// expect: conversion from
#include <modsdk/cachedb.hpp>
#include <string>

namespace {
modsdk::param<modsdk::cachedb::url> cachedb_url{"cachedb_url", "local://"};
modsdk::cachedb::cache cache{cachedb_url};
}  // namespace

int main() {
#ifdef MODSDK_CONTROL
  std::string v = cache.get("greeting").value_or("Hello");
#else
  std::string v = cache.get("greeting");
#endif
  return v.empty() ? 1 : 0;
}
