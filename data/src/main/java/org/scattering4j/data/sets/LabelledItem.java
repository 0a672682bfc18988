package org.scattering4j.data.sets;

import java.nio.file.Path;

/**
 * A file of a folder-per-class data set.
 *
 * @param file its path
 * @param className the name of its class folder
 * @param label the class index: position of {@code className} in the sorted list of training classes
 */
public record LabelledItem(Path file, String className, int label) {
}
