package dev.hallway.conference;

import java.time.Year;

/** Years as posts write them next to an event name: 2019, '19, 19 (after an apostrophe or fused to the name). */
final class Years {

    private Years() {
    }

    /**
     * @param shortAllowed whether a two-digit form counts ("FOSDEM'20", "FOSDEM20"): not for a bare "20"
     * @return the year, or null when the digits are no plausible event year
     */
    static Integer of(String digits, boolean shortAllowed) {
        if (!digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int thisYear = Year.now().getValue();
        if (digits.length() == 4) {
            int y = Integer.parseInt(digits);
            return y >= 1990 && y <= thisYear + 2 ? y : null;
        }
        if (digits.length() == 2 && shortAllowed) {
            int y = 2000 + Integer.parseInt(digits);
            if (y <= thisYear + 2) {
                return y;
            }
            // written as one ternary, the null of "'45" would be unboxed into an int: a NullPointerException
            return y - 100 >= 1990 ? Integer.valueOf(y - 100) : null;
        }
        return null;
    }
}
