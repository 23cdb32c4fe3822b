/**
 * Inference for modules: {@link org.cogos.api.ml.InferenceService} runs a loaded model on float tensors and
 * {@link org.cogos.api.ml.ModelRegistry} loads, lists and unloads models (ONNX, run by the cogos-ml bundle).
 */
@Version("0.1.0")
package org.cogos.api.ml;

import org.osgi.annotation.versioning.Version;
