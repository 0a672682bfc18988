package org.scattering4j.chem;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Element symbols of the periodic table (Z = 1 ... 118) and the lookups between symbol and Z. */
public final class Elements {
    private static final String[] SYMBOLS = {"",
        "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar",
        "K", "Ca", "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr",
        "Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I", "Xe",
        "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu",
        "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn",
        "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr",
        "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og"};
    private static final Map<String, Integer> BY_SYMBOL = new HashMap<>();

    /** The largest atomic number known here. */
    public static final int MAX_Z = SYMBOLS.length - 1;

    static {
        for (int z = 1; z < SYMBOLS.length; z++) {
            BY_SYMBOL.put(SYMBOLS[z].toUpperCase(Locale.ROOT), z);
        }
        BY_SYMBOL.put("D", 1); // deuterium and tritium are hydrogen for a density
        BY_SYMBOL.put("T", 1);
    }

    private Elements() {
    }

    /** The symbol of atomic number {@code z} (1 ... 118). */
    public static String symbol(int z) {
        if (z < 1 || z > MAX_Z) {
            throw new IllegalArgumentException("atomic number " + z + " is outside 1.." + MAX_Z);
        }
        return SYMBOLS[z];
    }

    /**
     * The atomic number of an element symbol (case-insensitive, so {@code CL} and {@code cl} work), or of a
     * number written as text ({@code "6"}); -1 when the text names no element.
     */
    public static int atomicNumber(String symbol) {
        if (symbol == null || symbol.isEmpty()) {
            return -1;
        }
        Integer z = BY_SYMBOL.get(symbol.toUpperCase(Locale.ROOT));
        if (z != null) {
            return z;
        }
        boolean digits = symbol.length() <= 3;
        for (int i = 0; i < symbol.length() && digits; i++) {
            digits = Character.isDigit(symbol.charAt(i));
        }
        if (digits) {
            int v = Integer.parseInt(symbol);
            return v >= 1 && v <= MAX_Z ? v : -1;
        }
        return -1;
    }
}
