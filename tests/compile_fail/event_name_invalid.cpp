// SPDX-License-Identifier: MIT
// An event name must be one the cfg parser takes in event_route[...]: a letter, then letters, digits or '_'.
// expect: modsdk_event_error_name_must_be_1_to_64_letters_digits_or_underscores_starting_with_a_letter
#include <modsdk/events.hpp>

#ifdef MODSDK_CONTROL
constinit modsdk::event<> e{"E_CALL_BLOCKED"};
#else
constinit modsdk::event<> e{"E-CALL-BLOCKED"};
#endif
int main() { return e.raise() ? 0 : 1; }
