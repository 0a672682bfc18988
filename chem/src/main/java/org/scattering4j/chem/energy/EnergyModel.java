package org.scattering4j.chem.energy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.scattering4j.chem.Elements;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.MoleculeException;
import org.scattering4j.chem.scattering.InvariantEngine;
import org.scattering4j.data.io.AtomicFiles;
import org.scattering4j.learn.Models;
import org.scattering4j.learn.Regressor;
import org.scattering4j.util.Json;
import org.scattering4j.util.Version;

/**
 * A trained energy model: the featurisation preset (and the full description of its engine), the
 * fitted regressor (scaler and coefficients), and the domain it was trained on (elements, atom-count
 * range, a hash of the training data). A model file records all of it, so a prediction can never use
 * other settings than the training did, and molecules outside the training domain are refused with a
 * reason instead of being extrapolated silently.
 *
 * <pre>{@code
 * EnergyModel model = EnergyModel.load(Path.of("model.json"));
 * double kcalPerMol = model.predict(atomContainer);          // a CDK IAtomContainer with 3D coordinates
 * EnergyModel.Prediction p = model.tryPredict(molecule);     // value or refusal reason, never throws
 * }</pre>
 */
public final class EnergyModel {
    /** The {@code format} field of model files. */
    public static final String FORMAT = "scattering4j energy model";
    /** The format version this code reads and writes. */
    public static final int FORMAT_VERSION = 1;

    private final String preset;
    private final Map<String, Object> engineDescription;
    private final Regressor regressor;
    private final String modelKind;
    private final String property;
    private final String units;
    private final int[] elements;
    private final int minAtoms;
    private final int maxAtoms;
    private final int trainingSize;
    private final String trainingHash;
    private final String libraryVersion;
    private final Map<String, Object> notes;
    private final InvariantEngine engine;

    /** Everything a new model needs; {@code notes} (may be empty) is stored verbatim (e.g. CV figures). */
    public EnergyModel(String preset, Regressor regressor, String modelKind, String property, String units,
                       TrainingDomain domain, Map<String, Object> notes) {
        this(preset, Presets.engine(preset).describe(), regressor, modelKind, property, units, domain.elements(),
                domain.minAtoms(), domain.maxAtoms(), domain.size(), domain.hash(), Version.VERSION, notes);
    }

    private EnergyModel(String preset, Map<String, Object> engineDescription, Regressor regressor, String modelKind,
                        String property, String units, int[] elements, int minAtoms, int maxAtoms, int trainingSize,
                        String trainingHash, String libraryVersion, Map<String, Object> notes) {
        this.preset = preset;
        this.engineDescription = engineDescription;
        this.regressor = regressor;
        this.modelKind = modelKind;
        this.property = property;
        this.units = units;
        this.elements = elements.clone();
        this.minAtoms = minAtoms;
        this.maxAtoms = maxAtoms;
        this.trainingSize = trainingSize;
        this.trainingHash = trainingHash;
        this.libraryVersion = libraryVersion;
        this.notes = notes;
        this.engine = Presets.engine(preset);
        if (regressor.columns() != engine.layout().size()) {
            throw new IllegalArgumentException("the regressor expects " + regressor.columns()
                    + " features but preset " + preset + " gives " + engine.layout().size());
        }
    }

    /** The elements, atom-count range, size and data hash of a training set. */
    public static final class TrainingDomain {
        private final TreeSet<Integer> elements = new TreeSet<>();
        private int minAtoms = Integer.MAX_VALUE;
        private int maxAtoms;
        private int size;
        private final MessageDigest digest;

        public TrainingDomain() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Adds one training molecule and its target value. */
        public void add(Molecule m, double target) {
            ByteBuffer b = ByteBuffer.allocate(4 + m.atomCount() * 28 + 8);
            b.putInt(m.atomCount());
            for (int i = 0; i < m.atomCount(); i++) {
                elements.add(m.atomicNumber(i));
                b.putInt(m.atomicNumber(i));
                for (int k = 0; k < 3; k++) {
                    b.putDouble(m.coordinate(i, k));
                }
            }
            b.putDouble(target);
            digest.update(b.array());
            minAtoms = Math.min(minAtoms, m.atomCount());
            maxAtoms = Math.max(maxAtoms, m.atomCount());
            size++;
        }

        int[] elements() {
            return elements.stream().mapToInt(Integer::intValue).toArray();
        }

        int minAtoms() {
            return minAtoms;
        }

        int maxAtoms() {
            return maxAtoms;
        }

        int size() {
            return size;
        }

        String hash() {
            StringBuilder sb = new StringBuilder();
            for (byte x : digest.digest()) {
                sb.append(String.format("%02x", x));
            }
            return sb.toString();
        }
    }

    /** A prediction or the reason the model refuses the molecule. */
    public static final class Prediction {
        private final double value;
        private final String refusal;

        Prediction(double value, String refusal) {
            this.value = value;
            this.refusal = refusal;
        }

        public boolean ok() {
            return refusal == null;
        }

        /** The predicted value (NaN when refused). */
        public double value() {
            return value;
        }

        /** Why the molecule was refused, or null. */
        public String refusal() {
            return refusal;
        }
    }

    /** Why this model cannot predict {@code m}, or null when it can. */
    public String domainProblem(Molecule m) {
        List<String> unseen = new ArrayList<>();
        for (int i = 0; i < m.atomCount(); i++) {
            int z = m.atomicNumber(i);
            if (java.util.Arrays.binarySearch(elements, z) < 0) {
                String s = Elements.symbol(z);
                if (!unseen.contains(s)) {
                    unseen.add(s);
                }
            }
        }
        if (!unseen.isEmpty()) {
            return "element(s) " + String.join(", ", unseen) + " never seen in training (trained on "
                    + elementList() + ")";
        }
        if (m.atomCount() < minAtoms || m.atomCount() > maxAtoms) {
            return m.atomCount() + " atoms is outside the training range " + minAtoms + ".." + maxAtoms;
        }
        return null;
    }

    private String elementList() {
        List<String> s = new ArrayList<>();
        for (int z : elements) {
            s.add(Elements.symbol(z));
        }
        return String.join(" ", s);
    }

    /** Predicts, or gives the reason for refusing (outside the training domain, does not fit the grid). */
    public Prediction tryPredict(Molecule m) {
        String problem = domainProblem(m);
        if (problem != null) {
            return new Prediction(Double.NaN, problem);
        }
        double[] x;
        try {
            x = engine.compute(m);
        } catch (MoleculeException e) {
            return new Prediction(Double.NaN, e.reason());
        }
        return new Prediction(regressor.predict(x), null);
    }

    /** Predicts from precomputed features of this model's preset (in its layout order). */
    public double predictFeatures(double[] features) {
        return regressor.predict(features);
    }

    /** Predicts; throws {@link IllegalArgumentException} with the reason when the molecule is refused. */
    public double predict(Molecule m) {
        Prediction p = tryPredict(m);
        if (!p.ok()) {
            throw new IllegalArgumentException("molecule " + (m.name() == null ? "" : "'" + m.name() + "' ")
                    + "refused: " + p.refusal());
        }
        return p.value();
    }

    /** Predicts for a CDK molecule with 3D coordinates (hydrogens must be explicit atoms). */
    public double predict(IAtomContainer container) {
        return predict(Molecule.fromAtomContainer(container));
    }

    public String preset() {
        return preset;
    }

    public String property() {
        return property;
    }

    public String units() {
        return units;
    }

    public String modelKind() {
        return modelKind;
    }

    public Regressor regressor() {
        return regressor;
    }

    public int trainingSize() {
        return trainingSize;
    }

    public String trainingHash() {
        return trainingHash;
    }

    public String libraryVersion() {
        return libraryVersion;
    }

    /** The JSON form (see {@link #save}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", FORMAT_VERSION);
        m.put("library_version", libraryVersion);
        m.put("property", property);
        m.put("units", units);
        m.put("model_kind", modelKind);
        m.put("preset", preset);
        m.put("featurization", engineDescription);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("size", trainingSize);
        List<String> el = new ArrayList<>();
        for (int z : elements) {
            el.add(Elements.symbol(z));
        }
        t.put("elements", el);
        t.put("min_atoms", minAtoms);
        t.put("max_atoms", maxAtoms);
        t.put("data_sha256", trainingHash);
        m.put("training", t);
        m.put("notes", notes);
        m.put("model", regressor.toMap());
        return m;
    }

    /** Writes the model file atomically (temp file, then move). */
    public void save(Path file) throws IOException {
        AtomicFiles.writeString(file, Json.write(toMap(), true));
    }

    /**
     * Reads a model file. A file that is not a model, has another format version, names an unknown preset,
     * or whose recorded featurisation differs from what this version computes for that preset gets an
     * {@link IllegalArgumentException} saying so.
     */
    public static EnergyModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("model file " + file + " does not exist");
        }
        Map<String, Object> m;
        try {
            m = Json.asObject(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a scattering4j model file: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException(file + " is not a scattering4j model file (format field: "
                    + m.get("format") + ")");
        }
        int version = Json.asInt(m.get("format_version"));
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException(file + " has model format version " + version + " (written by "
                    + "scattering4j " + m.get("library_version") + "); this is scattering4j " + Version.VERSION
                    + ", which reads version " + FORMAT_VERSION);
        }
        try {
            String preset = (String) m.get("preset");
            if (!Presets.NAMES.contains(preset)) {
                throw new IllegalArgumentException("unknown preset '" + preset + "'");
            }
            Map<String, Object> recorded = Json.asObject(m.get("featurization"));
            Map<String, Object> current = Json.asObject(Json.parse(Json.write(Presets.engine(preset).describe(), false)));
            if (!recorded.equals(current)) {
                throw new IllegalArgumentException("its featurisation (" + Json.write(recorded, false)
                        + ") differs from what this version computes for preset " + preset + " ("
                        + Json.write(current, false) + "); retrain the model with scattering4j " + Version.VERSION);
            }
            Map<String, Object> t = Json.asObject(m.get("training"));
            List<Object> el = Json.asList(t.get("elements"));
            int[] elements = new int[el.size()];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = Elements.atomicNumber((String) el.get(i));
            }
            java.util.Arrays.sort(elements);
            Regressor r = Models.regressorFromMap(Json.asObject(m.get("model")));
            Object notes = m.get("notes");
            return new EnergyModel(preset, recorded, r, (String) m.get("model_kind"), (String) m.get("property"),
                    (String) m.get("units"), elements, Json.asInt(t.get("min_atoms")), Json.asInt(t.get("max_atoms")),
                    Json.asInt(t.get("size")), (String) t.get("data_sha256"), (String) m.get("library_version"),
                    notes == null ? Map.of() : Json.asObject(notes));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(file + ": malformed model file (" + e + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
