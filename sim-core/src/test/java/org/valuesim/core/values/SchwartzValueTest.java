package org.valuesim.core.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchwartzValueTest {

    @Test
    void tenValuesInSchwartzCircularOrder() {
        assertEquals(List.of("SD", "ST", "HE", "AC", "PO", "SE", "CO", "TR", "BE", "UN"),
                SchwartzValue.inCircularOrder().stream().map(SchwartzValue::code).toList());
    }

    @Test
    void conformityAndTraditionShareAWedgeAndAnglesIncrease() {
        assertEquals(SchwartzValue.CONFORMITY.angleDegrees(), SchwartzValue.TRADITION.angleDegrees());
        assertEquals(0.0, SchwartzValue.SELF_DIRECTION.angleDegrees());
        assertEquals(320.0, SchwartzValue.UNIVERSALISM.angleDegrees());
        List<SchwartzValue> order = SchwartzValue.inCircularOrder();
        for (int i = 1; i < order.size(); i++) {
            assertTrue(order.get(i).angleDegrees() >= order.get(i - 1).angleDegrees());
        }
    }

    @Test
    void higherOrderGroupsOpposeEachOther() {
        assertTrue(SchwartzValue.HEDONISM.higherOrder().contains(HigherOrderValue.OPENNESS_TO_CHANGE));
        assertTrue(SchwartzValue.HEDONISM.higherOrder().contains(HigherOrderValue.SELF_ENHANCEMENT));
        assertEquals(java.util.Set.of(HigherOrderValue.SELF_TRANSCENDENCE), SchwartzValue.BENEVOLENCE.higherOrder());
        assertEquals(java.util.Set.of(HigherOrderValue.CONSERVATION), SchwartzValue.TRADITION.higherOrder());
        // Power and Universalism are about opposite on the circle (160 degrees apart with nine positions)
        double gap = Math.abs(SchwartzValue.POWER.angleDegrees() - SchwartzValue.UNIVERSALISM.angleDegrees());
        assertEquals(160.0, Math.min(gap, 360 - gap));
    }

    @Test
    void findsByIdCodeOrLabel() {
        assertEquals(SchwartzValue.SELF_DIRECTION, SchwartzValue.find("self-direction").orElseThrow());
        assertEquals(SchwartzValue.SELF_DIRECTION, SchwartzValue.find("SD").orElseThrow());
        assertEquals(SchwartzValue.SELF_DIRECTION, SchwartzValue.find("Self-Direction").orElseThrow());
        assertTrue(SchwartzValue.find("greed").isEmpty());
    }
}
