package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KFoldTest {
    @Test
    void labelsBecomeFoldsInAscendingOrder() {
        KFold k = KFold.ofLabels(new int[] {7, 3, 7, 5, 3});
        assertEquals(3, k.folds());
        assertArrayEquals(new int[] {1, 4}, k.test(0));
        assertArrayEquals(new int[] {3}, k.test(1));
        assertArrayEquals(new int[] {0, 2}, k.test(2));
        assertArrayEquals(new int[] {0, 2, 3}, k.train(0));
    }

    @Test
    void indexListsLikeQm7P() {
        KFold k = KFold.ofIndexLists(new int[][] {{4, 0}, {1, 3}, {2, 5}}, 6);
        assertArrayEquals(new int[] {0, 4}, k.test(0));
        assertArrayEquals(new int[] {0, 1, 3, 4}, k.train(2));
        assertThrows(IllegalArgumentException.class, () -> KFold.ofIndexLists(new int[][] {{0, 1}, {1, 2}}, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KFold.ofIndexLists(new int[][] {{0}, {1}}, 3));
        assertTrue(e.getMessage().contains("sample 2 is in no fold"), e.getMessage());
    }

    @Test
    void randomFoldsPartitionWithBalancedSizesAndAreSeeded() {
        KFold k = KFold.random(103, 5, 11);
        boolean[] seen = new boolean[103];
        for (int f = 0; f < 5; f++) {
            int[] t = k.test(f);
            assertTrue(t.length == 20 || t.length == 21);
            for (int i : t) {
                assertFalse(seen[i]);
                seen[i] = true;
            }
            assertEquals(103, t.length + k.train(f).length);
        }
        assertArrayEquals(k.labels(), KFold.random(103, 5, 11).labels());
        assertFalse(Arrays.equals(k.labels(), KFold.random(103, 5, 12).labels()));
    }

    @Test
    void stratifiedKeepsClassProportions() {
        int[] cls = new int[90];
        for (int i = 0; i < 90; i++) {
            cls[i] = i < 60 ? 0 : 1;
        }
        KFold k = KFold.stratified(cls, 3, 4);
        for (int f = 0; f < 3; f++) {
            int ones = 0;
            for (int i : k.test(f)) {
                ones += cls[i];
            }
            assertEquals(10, ones);
            assertEquals(30, k.test(f).length);
        }
    }

    @Test
    void innerFoldsIndexTheTrainingRowsOnly() {
        KFold outer = KFold.random(50, 5, 1);
        KFold inner = outer.inner(2, 3, 9);
        assertEquals(outer.train(2).length, inner.size());
        assertEquals(3, inner.folds());
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> KFold.random(3, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> KFold.random(10, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> KFold.ofLabels(new int[] {1, 1, 1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KFold.random(10, 2, 0).test(2));
        assertTrue(e.getMessage().contains("fold = 2"), e.getMessage());
    }
}
