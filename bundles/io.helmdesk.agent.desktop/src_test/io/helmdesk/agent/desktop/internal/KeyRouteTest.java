package io.helmdesk.agent.desktop.internal;

import static io.helmdesk.agent.desktop.internal.KeyRoute.KEY;
import static io.helmdesk.agent.desktop.internal.KeyRoute.SYMBOL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeyRouteTest {

    @Test
    void theLayoutsKeyWhenItsLevelMatchesTheHeldShift() {
        assertEquals(KEY, KeyRoute.choose(true, false, false, false), "a without Shift");
        assertEquals(KEY, KeyRoute.choose(false, true, true, false), "A with Shift");
        assertEquals(KEY, KeyRoute.choose(true, true, true, false), "Return, on both levels");
    }

    @Test
    void theSymbolItselfWhenTheRemoteShiftWouldTypeSomethingElse() {
        assertEquals(SYMBOL, KeyRoute.choose(false, true, false, false), "A sent without Shift (remote Caps Lock)");
        assertEquals(SYMBOL, KeyRoute.choose(true, false, true, false),
                "1 sent with Shift held (it is shifted on the remote layout, not here)");
        assertEquals(SYMBOL, KeyRoute.choose(false, false, false, false), "€ not in the layout");
    }

    @Test
    void shortcutsPressTheKeyWhateverTheLevel() {
        assertEquals(KEY, KeyRoute.choose(true, false, true, true), "Control+Shift+a");
        assertEquals(SYMBOL, KeyRoute.choose(false, false, false, true), "nothing to press");
    }
}
