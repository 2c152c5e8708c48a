// SPDX-License-Identifier: MIT
// new_module_reference: writes new_module's reference (new_module.md, shaped like an OpenSIPS module
// README) and its JSON manifest, from the declarations in new_module.cpp.
// snippet: reference_generator
#include "new_module.cpp"  // the declarations are internal to the module's translation unit

#define MODSDK_TESTING_IMPLEMENTATION  // the fake core: the module's code links, nothing runs
#include <modsdk/testing.hpp>

#include <modsdk/reference.hpp>

// new_module_reference --needed-from new_module.so.dump --markdown new_module.md --json new_module.json
int main(int argc, char** argv) { return modsdk::reference_main(MODSDK_MODULE_REFERENCE(new_module), argc, argv); }
// snippet-end: reference_generator
