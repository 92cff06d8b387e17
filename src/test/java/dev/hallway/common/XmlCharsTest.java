package dev.hallway.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class XmlCharsTest {

    @Test
    void textWithNothingToRemoveIsReturnedAsIs() {
        String text = "Plain text, tabs\tand\nlines\r\n, accents é, CJK 漢字, private use \uE000, \uFFFD";
        assertSame(text, XmlChars.clean(text));
    }

    @Test
    void controlCharactersAndLoneSurrogatesGoWhateverComesAfterThem() {
        assertEquals("ab", XmlChars.clean("a\u0000b"));
        assertEquals("a b", XmlChars.clean("a\u0001 \u001Fb"));
        assertEquals("ab", XmlChars.clean("a\uFFFEb\uFFFF"));
        assertEquals("a😀b", XmlChars.clean("a😀b"), "a pair stays");
        assertEquals("a😀bc", XmlChars.clean("a😀b\u0000c"), "a pair before a removal stays");
        assertEquals("ab", XmlChars.clean("a\uD83Db"), "a lone high surrogate goes");
        assertEquals("ab", XmlChars.clean("a\uDE00b"), "a lone low surrogate goes");
        assertEquals("a", XmlChars.clean("a\uD83D"), "a high surrogate at the end goes");
        assertEquals("\t\n\r", XmlChars.clean("\t\n\r"));
    }
}
