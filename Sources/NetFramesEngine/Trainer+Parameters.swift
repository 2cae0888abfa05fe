extension Trainer {
    /// Copies the parameters as they stand after the last step into `weights` and
    /// `biases` (sized for the network), without making arrays: for measuring a curve
    /// point between steps.
    func copyParameters(weights: UnsafeMutableBufferPointer<Double>, biases: UnsafeMutableBufferPointer<Double>) {
        let w = layout.parametersOffset(region: nextRegion), b = layout.biasesOffset(region: nextRegion)
        values.withUnsafeBufferPointer { v in
            for i in 0..<weights.count { weights[i] = v[w + i] }
            for i in 0..<biases.count { biases[i] = v[b + i] }
        }
    }
}
