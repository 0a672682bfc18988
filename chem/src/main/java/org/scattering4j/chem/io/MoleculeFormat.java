package org.scattering4j.chem.io;

import java.util.Locale;

/** The molecule file formats {@link MoleculeReaders} reads. */
public enum MoleculeFormat {
    /** XYZ and extended XYZ ({@code key=value} pairs and a {@code Properties=} column spec on the comment line). */
    XYZ("xyz", "extxyz"),
    /** MDL SD files and single MOL files, V2000 and V3000 connection tables, with SD properties. */
    SDF("sdf", "sd", "mol"),
    /** Tripos MOL2 ({@code @<TRIPOS>MOLECULE} / {@code @<TRIPOS>ATOM} sections). */
    MOL2("mol2", "ml2"),
    /** One SMILES per line with an optional name; 3D coordinates are generated (rough geometries). */
    SMILES("smi", "smiles", "ism", "can");

    private final String[] extensions;

    MoleculeFormat(String... extensions) {
        this.extensions = extensions;
    }

    /** The format named on the command line ({@code xyz}, {@code sdf}, {@code mol2}, {@code smiles}, or any extension). */
    public static MoleculeFormat parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (MoleculeFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(n)) {
                return f;
            }
            for (String e : f.extensions) {
                if (e.equals(n)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("format = '" + name + "' is not one of xyz, sdf, mol, mol2, smi");
    }

    /**
     * The format of a file from its extension ({@code .gz} is looked through, e.g. {@code x.sdf.gz}).
     *
     * @throws IllegalArgumentException when the extension is not known
     */
    public static MoleculeFormat fromFileName(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        for (MoleculeFormat f : values()) {
            for (String e : f.extensions) {
                if (e.equals(ext)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("cannot tell the molecule format of '" + fileName
                + "' from its extension; use .xyz, .extxyz, .sdf, .sd, .mol, .mol2, .smi (optionally .gz) "
                + "or give the format explicitly");
    }
}
