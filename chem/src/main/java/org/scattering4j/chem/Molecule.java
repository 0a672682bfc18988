package org.scattering4j.chem;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * An immutable molecule as the scattering pipeline sees it: atomic numbers, 3D positions in Angstrom, an
 * optional name and a map of text properties (energies from extended XYZ comment lines or SD tags).
 *
 * <p>Every molecule is checked when built, so code downstream never meets these cases: no atoms, an
 * atomic number outside 1..118, a non-finite coordinate, or two atoms closer than
 * {@link #MIN_DISTANCE_ANGSTROM} (a duplicated atom or a unit error; the shortest real bond, H-H, is 0.74 A).
 * Each raises a {@link MoleculeException} with a specific reason.
 *
 * <pre>{@code
 * Molecule water = Molecule.of(new int[] {8, 1, 1},
 *         new double[][] {{0, 0, 0.1173}, {0, 0.7572, -0.4692}, {0, -0.7572, -0.4692}});
 * Molecule fromCdk = Molecule.fromAtomContainer(container);   // needs 3D coordinates
 * }</pre>
 */
public final class Molecule {
    /** Atoms closer than this (Angstrom) are rejected as lying on top of each other. */
    public static final double MIN_DISTANCE_ANGSTROM = 0.2;

    private final int[] z;
    private final double[] xyz;
    private final String name;
    private final Map<String, String> properties;

    private Molecule(int[] z, double[] xyz, String name, Map<String, String> properties) {
        this.z = z;
        this.xyz = xyz;
        this.name = name;
        this.properties = properties;
        check();
    }

    /** A molecule from atomic numbers and {@code {x, y, z}} positions in Angstrom (both copied). */
    public static Molecule of(int[] atomicNumbers, double[][] positions) {
        return of(atomicNumbers, positions, null, Map.of());
    }

    /**
     * A molecule with a name (may be {@code null}) and properties (copied, order kept).
     *
     * @throws MoleculeException if the molecule is empty, has an unknown element, a non-finite coordinate or
     *                           overlapping atoms
     */
    public static Molecule of(int[] atomicNumbers, double[][] positions, String name, Map<String, String> properties) {
        if (atomicNumbers.length != positions.length) {
            throw new IllegalArgumentException(atomicNumbers.length + " atomic numbers but " + positions.length
                    + " positions");
        }
        double[] xyz = new double[3 * positions.length];
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] == null || positions[i].length != 3) {
                throw new MoleculeException("atom " + (i + 1) + " has no 3D position", i);
            }
            System.arraycopy(positions[i], 0, xyz, 3 * i, 3);
        }
        return new Molecule(atomicNumbers.clone(), xyz, name,
                Collections.unmodifiableMap(new LinkedHashMap<>(properties)));
    }

    /**
     * Converts a CDK molecule with 3D coordinates (hydrogens must be explicit atoms: implicit hydrogen counts
     * have no position and are not added). The title ({@code cdk:Title}) becomes the name, the other
     * properties are kept as text.
     *
     * @throws MoleculeException when an atom has no 3D coordinates or is a pseudo atom (no element)
     */
    public static Molecule fromAtomContainer(IAtomContainer container) {
        int n = container.getAtomCount();
        int[] z = new int[n];
        double[] xyz = new double[3 * n];
        for (int i = 0; i < n; i++) {
            IAtom a = container.getAtom(i);
            Integer an = a.getAtomicNumber();
            if (an == null || an < 1) {
                an = Elements.atomicNumber(a.getSymbol());
            }
            if (an == null || an < 1 || an > Elements.MAX_Z) {
                throw new MoleculeException("atom " + (i + 1) + " ('" + a.getSymbol()
                        + "') is not a known element (pseudo atom or R group)", i);
            }
            if (a.getPoint3d() == null) {
                throw new MoleculeException("atom " + (i + 1) + " (" + a.getSymbol() + ") has no 3D coordinates"
                        + (a.getPoint2d() != null ? " (only 2D depiction coordinates)" : "")
                        + "; generate them first, e.g. with CDK ModelBuilder3D", i);
            }
            z[i] = an;
            xyz[3 * i] = a.getPoint3d().x;
            xyz[3 * i + 1] = a.getPoint3d().y;
            xyz[3 * i + 2] = a.getPoint3d().z;
        }
        Map<String, String> props = new LinkedHashMap<>();
        String title = null;
        for (Map.Entry<Object, Object> e : container.getProperties().entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                continue;
            }
            String k = e.getKey().toString();
            if (k.equals("cdk:Title")) {
                title = e.getValue().toString();
            } else if (!k.startsWith("cdk:")) {
                props.put(k, e.getValue().toString());
            }
        }
        return new Molecule(z, xyz, title, Collections.unmodifiableMap(props));
    }

    private void check() {
        int n = z.length;
        if (n == 0) {
            throw new MoleculeException("empty molecule (no atoms)");
        }
        for (int i = 0; i < n; i++) {
            if (z[i] < 1 || z[i] > Elements.MAX_Z) {
                throw new MoleculeException("atom " + (i + 1) + " has atomic number " + z[i]
                        + ", not a known element (1.." + Elements.MAX_Z + ")", i);
            }
            for (int k = 0; k < 3; k++) {
                double v = xyz[3 * i + k];
                if (!Double.isFinite(v)) {
                    throw new MoleculeException("atom " + (i + 1) + " (" + Elements.symbol(z[i])
                            + ") has a non-finite coordinate (" + "xyz".charAt(k) + " = " + v + ")", i);
                }
            }
        }
        // sweep along x: only pairs closer than the threshold in x can collide
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(xyz[3 * a], xyz[3 * b]));
        double t2 = MIN_DISTANCE_ANGSTROM * MIN_DISTANCE_ANGSTROM;
        for (int s = 0; s < n; s++) {
            int i = order[s];
            for (int u = s + 1; u < n; u++) {
                int j = order[u];
                double dx = xyz[3 * j] - xyz[3 * i];
                if (dx >= MIN_DISTANCE_ANGSTROM) {
                    break;
                }
                double dy = xyz[3 * j + 1] - xyz[3 * i + 1];
                double dz = xyz[3 * j + 2] - xyz[3 * i + 2];
                double d2 = dx * dx + dy * dy + dz * dz;
                if (d2 < t2) {
                    int a = Math.min(i, j);
                    int b = Math.max(i, j);
                    throw new MoleculeException(String.format(java.util.Locale.ROOT,
                            "atoms %d (%s) and %d (%s) are %.4g A apart, closer than %.2g A (duplicated atom or "
                                    + "coordinates not in Angstrom?)", a + 1, Elements.symbol(z[a]), b + 1,
                            Elements.symbol(z[b]), Math.sqrt(d2), MIN_DISTANCE_ANGSTROM), b);
                }
            }
        }
    }

    /** The number of atoms (&ge; 1). */
    public int atomCount() {
        return z.length;
    }

    /** The atomic number of atom {@code i}. */
    public int atomicNumber(int i) {
        return z[i];
    }

    /** A copy of the atomic numbers. */
    public int[] atomicNumbers() {
        return z.clone();
    }

    /** Coordinate {@code k} (0 = x, 1 = y, 2 = z) of atom {@code i}, in Angstrom. */
    public double coordinate(int i, int k) {
        if (k < 0 || k > 2) {
            throw new IllegalArgumentException("coordinate index k = " + k + " must be 0, 1 or 2");
        }
        return xyz[3 * i + k];
    }

    /** A copy of the positions, {@code {x, y, z}} per atom, in Angstrom. */
    public double[][] positions() {
        double[][] p = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            p[i] = new double[] {xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]};
        }
        return p;
    }

    /** The name (title), or {@code null}. */
    public String name() {
        return name;
    }

    /** The properties (unmodifiable, in file order). */
    public Map<String, String> properties() {
        return properties;
    }

    /** A property parsed as a number, or NaN when absent or not a number. */
    public double numericProperty(String key) {
        String v = properties.get(key);
        if (v == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The molecular formula in Hill order (C, H, then alphabetical), e.g. {@code CH4}. */
    public String formula() {
        int[] count = new int[Elements.MAX_Z + 1];
        for (int v : z) {
            count[v]++;
        }
        StringBuilder sb = new StringBuilder();
        java.util.List<String> rest = new java.util.ArrayList<>();
        for (int e = 1; e <= Elements.MAX_Z; e++) {
            if (count[e] > 0 && (count[6] == 0 || (e != 6 && e != 1))) {
                rest.add(Elements.symbol(e));
            }
        }
        if (count[6] > 0) {
            appendCount(sb, "C", count[6]);
            if (count[1] > 0) {
                appendCount(sb, "H", count[1]);
            }
        }
        java.util.Collections.sort(rest);
        for (String s : rest) {
            appendCount(sb, s, count[Elements.atomicNumber(s)]);
        }
        return sb.toString();
    }

    private static void appendCount(StringBuilder sb, String s, int c) {
        sb.append(s);
        if (c > 1) {
            sb.append(c);
        }
    }

    @Override
    public String toString() {
        return "Molecule[" + (name == null ? "" : name + ", ") + formula() + ", " + z.length + " atoms]";
    }
}
