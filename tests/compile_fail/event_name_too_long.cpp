// SPDX-License-Identifier: MIT
// The core refuses an event name over MAX_EVENT_NAME (64) characters; modsdk refuses it at compile time.
// expect: modsdk_event_error_name_must_be_1_to_64_letters_digits_or_underscores_starting_with_a_letter
#include <modsdk/events.hpp>

#ifdef MODSDK_CONTROL
constinit modsdk::event<> e{"E_SIXTY_FOUR_CHARACTERS_IS_THE_LIMIT_THE_CORE_SETS_FOR_EVENT_NAM"};
#else
constinit modsdk::event<> e{"E_SIXTY_FIVE_CHARACTERS_IS_ONE_OVER_THE_LIMIT_THE_CORE_SETS_FOR_N"};
#endif
int main() { return e.raise() ? 0 : 1; }
