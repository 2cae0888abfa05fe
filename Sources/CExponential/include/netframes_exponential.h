#ifndef NETFRAMES_EXPONENTIAL_H
#define NETFRAMES_EXPONENTIAL_H

/// The engine's exponentials four at a time, for x86-64 CPUs with AVX2 and FMA.
///
/// On such CPUs glibc's `exp` runs its FMA variant (Szabolcs Nagy's method from Arm's
/// optimized-routines): x = k·ln2/128 + r, eˣ = 2^(k/128)·eʳ, with 2^(k/128) from a table
/// of 128 pairs and eʳ − 1 from a polynomial of degree 5, each step one IEEE operation or
/// one fused multiply-add. These kernels do the very same operations, in the same order
/// and with the same constants, on four lanes at once, so each lane gets glibc's bits.
/// A lane outside 2⁻⁵⁴ ≤ |x| < 512 (zero, tiny, large, ±∞, NaN), where glibc takes its
/// careful paths, is computed by the C library's `exp` itself.
///
/// `netframes_exponential_available` says whether the CPU can run them; the engine also
/// checks them against the C library's `exp` before it uses them (`Exponential`).

/// 1 when this CPU has AVX2 and FMA (and the kernels were built for x86-64), else 0.
int netframes_exponential_available(void);

/// y[i] = exp(x[i]) for i < n. `x` and `y` may be the same buffer.
void netframes_exponential(const double *x, double *y, long n);

/// y[i] = exp(x[i] − m) for i < n, each difference rounded as a double first (a softmax's
/// exponentials, m its largest input). `x` and `y` must not overlap.
void netframes_exponential_shifted(const double *x, double m, double *y, long n);

/// A softmax: a[i] = e^(z[i] − m) / Σⱼ e^(z[j] − m) for i < n, with m the largest z[i];
/// returns log Σᵢ e^(z[i]) = m + log Σⱼ e^(z[j] − m). The very operations of the engine's
/// `Activation.softmax`, in its order, in one call: the exponentials as
/// `netframes_exponential_shifted` takes them, the sum from the first, then each times
/// 1 / sum. `z` and `a` must not overlap.
double netframes_softmax(const double *z, double *a, long n);

/// a[i] = 1 / (1 + exp(−z[i])) for i < n: the logistic function, as the engine writes it.
/// `z` and `a` must not overlap.
void netframes_logistic(const double *z, double *a, long n);

#endif
