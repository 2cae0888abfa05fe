#include "netframes_exponential.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

// Every multiply and add below must stay the operation it is written as: a fused
// multiply-add only where an FMA intrinsic says so, exactly where glibc's FMA variant
// fuses. Contraction by the compiler would change bits.
#pragma clang fp contract(off)

/// `netframes_softmax` with `shifted` for the exponentials e^(x − m): the engine's softmax
/// (Activation.softmax) step for step. The largest z is found by "greater than" from −∞
/// (so a NaN is passed over); the exponentials are summed from the first, and each is
/// multiplied by the sum's reciprocal.
static inline __attribute__((always_inline)) double softmax_with(
    const double *z, double *a, long n, void (*shifted)(const double *, double, double *, long)) {
    double m = -INFINITY;
    for (long i = 0; i < n; i++) {
        if (z[i] > m) m = z[i];
    }
    shifted(z, m, a, n);
    double sum = 0.0;
    for (long i = 0; i < n; i++) sum += a[i];
    const double inverse = 1 / sum;
    for (long i = 0; i < n; i++) a[i] *= inverse;
    return m + log(sum);
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))

#include <immintrin.h>

extern const uint64_t netframes_exponential_table[256];

int netframes_exponential_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

#define KERNEL __attribute__((target("avx2,fma")))

/// A mask of the lanes with |x| < 2⁻⁵⁴ (±0 among them), for which glibc returns 1 + x.
KERNEL static inline __m256d tiny_lanes(__m256d magnitude) {
    return _mm256_cmp_pd(magnitude, _mm256_set1_pd(0x1p-54), _CMP_LT_OQ);
}

/// A mask (as bits) of the lanes that glibc computes by its main path or as 1 + x:
/// |x| < 512 (so NaN is out).
KERNEL static inline int table_lanes(__m256d magnitude) {
    return _mm256_movemask_pd(_mm256_cmp_pd(magnitude, _mm256_set1_pd(512.0), _CMP_LT_OQ));
}

/// eˣ on four lanes in glibc's main path (see the header), operation for operation.
KERNEL static inline __m256d exp4(__m256d x) {
    const __m256d shift = _mm256_set1_pd(0x1.8p52);
    // k = round(x · 128/ln2), held in the low bits of kd; r = x − k · ln2/128 in two parts.
    __m256d kd = _mm256_fmadd_pd(x, _mm256_set1_pd(0x1.71547652b82fep7), shift);
    const __m256i ki = _mm256_castpd_si256(kd);
    kd = _mm256_sub_pd(kd, shift);
    __m256d r = _mm256_fmadd_pd(kd, _mm256_set1_pd(-0x1.62e42fefa0000p-8), x);
    r = _mm256_fmadd_pd(kd, _mm256_set1_pd(-0x1.cf79abc9e3b3ap-47), r);

    // 2^(k/128) = 2^(k div 128) · H(k mod 128) · (1 + T(k mod 128)): each lane's pair (T, H).
    uint64_t index[4];
    _mm256_storeu_si256((__m256i *)index, _mm256_and_si256(ki, _mm256_set1_epi64x(127)));
    const __m128i pair0 = _mm_loadu_si128((const __m128i *)(netframes_exponential_table + 2 * index[0]));
    const __m128i pair1 = _mm_loadu_si128((const __m128i *)(netframes_exponential_table + 2 * index[1]));
    const __m128i pair2 = _mm_loadu_si128((const __m128i *)(netframes_exponential_table + 2 * index[2]));
    const __m128i pair3 = _mm_loadu_si128((const __m128i *)(netframes_exponential_table + 2 * index[3]));
    const __m256d tail = _mm256_castsi256_pd(
        _mm256_set_m128i(_mm_unpacklo_epi64(pair2, pair3), _mm_unpacklo_epi64(pair0, pair1)));
    const __m256i scaleBits = _mm256_add_epi64(
        _mm256_set_m128i(_mm_unpackhi_epi64(pair2, pair3), _mm_unpackhi_epi64(pair0, pair1)),
        _mm256_slli_epi64(ki, 45));

    // eˣ = scale + scale · (T + eʳ − 1), eʳ − 1 ≈ r + r²(C2 + r C3) + r⁴(C4 + r C5).
    const __m256d p23 = _mm256_fmadd_pd(r, _mm256_set1_pd(0x1.555555555543cp-3), _mm256_set1_pd(0x1.ffffffffffdbdp-2));
    const __m256d sum = _mm256_add_pd(r, tail);
    const __m256d r2 = _mm256_mul_pd(r, r);
    const __m256d p45 = _mm256_fmadd_pd(r, _mm256_set1_pd(0x1.1111167a4d017p-7), _mm256_set1_pd(0x1.55555cf172b91p-5));
    const __m256d withSquare = _mm256_fmadd_pd(p23, r2, sum);
    const __m256d r4 = _mm256_mul_pd(r2, r2);
    const __m256d t = _mm256_fmadd_pd(r4, p45, withSquare);
    const __m256d scale = _mm256_castsi256_pd(scaleBits);
    return _mm256_fmadd_pd(scale, t, scale);
}

/// Four values from `x` (only `n` < 4 of them at the end; the rest are 1, which takes the
/// four-lane path where 0 would not).
///
/// Read as two pairs, not one load of four: the kernels before wrote them in pairs, and a
/// load that spans two recent stores waits for them to reach the cache (store forwarding fails).
KERNEL static inline __m256d load_group(const double *x, long n) {
    const __m128d pad = _mm_set1_pd(1.0);
    if (n >= 4) {
        // Left alone, the compiler makes the two loads one (vmovupd ymm), which then waits
        // for both stores. The empty asm hides `low`'s origin, so the loads stay apart.
        __m128d low = _mm_loadu_pd(x);
        __asm__("" : "+x"(low));
        return _mm256_set_m128d(_mm_loadu_pd(x + 2), low);
    }
    if (n == 3) return _mm256_set_m128d(_mm_loadl_pd(pad, x + 2), _mm_loadu_pd(x));
    if (n == 2) return _mm256_set_m128d(pad, _mm_loadu_pd(x));
    return _mm256_set_m128d(pad, _mm_loadl_pd(pad, x));
}

/// Writes the first `n` (at most 4) lanes of `v` to `y`, in pairs (and a last one alone),
/// as the kernels after read them.
KERNEL static inline void store_group(__m256d v, double *y, long n) {
    const __m128d low = _mm256_castpd256_pd128(v), high = _mm256_extractf128_pd(v, 1);
    if (n >= 2) {
        _mm_storeu_pd(y, low);
        if (n >= 4) _mm_storeu_pd(y + 2, high);
        else if (n == 3) _mm_storel_pd(y + 2, high);
    } else {
        _mm_storel_pd(y, low);
    }
}

/// eˣ of a group by the four-lane path, with 1 + x where |x| < 2⁻⁵⁴; ORs into `*others` the
/// lanes (as bits) that glibc takes elsewhere (|x| ≥ 512, ±∞, NaN), which the caller redoes.
KERNEL static inline __m256d exp_group_or_mark(__m256d x, int *others) {
    const __m256d magnitude = _mm256_andnot_pd(_mm256_set1_pd(-0.0), x);
    *others |= table_lanes(magnitude) ^ 0xF;
    return _mm256_blendv_pd(exp4(x), _mm256_add_pd(_mm256_set1_pd(1.0), x), tiny_lanes(magnitude));
}

/// eˣ of a group as `exp_group_or_mark`, with the lanes it marks redone at once through the
/// C library (for `netframes_exponential`, whose input may be its output).
KERNEL static inline __m256d exp_group(__m256d x) {
    int others = 0;
    const __m256d y = exp_group_or_mark(x, &others);
    if (!others) return y;
    double in[4], out[4];
    _mm256_storeu_pd(in, x);
    _mm256_storeu_pd(out, y);
    for (int i = 0; i < 4; i++) {
        if (others & (1 << i)) out[i] = exp(in[i]);
    }
    return _mm256_loadu_pd(out);
}

KERNEL void netframes_exponential(const double *x, double *y, long n) {
    for (long i = 0; i < n; i += 4) {
        const long count = n - i < 4 ? n - i : 4;
        store_group(exp_group(load_group(x + i, count)), y + i, count);
    }
}

// The two kernels below read one buffer and write another, so a rare lane outside the
// table's range is redone after the loop, through the C library: the loop makes no call,
// and keeps its constants in registers.

KERNEL static inline void exponential_shifted(const double *x, double m, double *y, long n) {
    const __m256d shift = _mm256_set1_pd(m);
    int others = 0;
    for (long i = 0; i < n; i += 4) {
        const long count = n - i < 4 ? n - i : 4;
        // The padding lanes' x − m is never written, so its value does not matter (nor
        // whether it is marked).
        store_group(exp_group_or_mark(_mm256_sub_pd(load_group(x + i, count), shift), &others), y + i, count);
    }
    if (others) {
        for (long i = 0; i < n; i++) {
            const double d = x[i] - m;
            if (!(fabs(d) < 512.0)) y[i] = exp(d);
        }
    }
}

KERNEL void netframes_exponential_shifted(const double *x, double m, double *y, long n) {
    exponential_shifted(x, m, y, n);
}

KERNEL double netframes_softmax(const double *z, double *a, long n) {
    return softmax_with(z, a, n, exponential_shifted);
}

KERNEL void netframes_logistic(const double *z, double *a, long n) {
    const __m256d one = _mm256_set1_pd(1.0);
    int others = 0;
    for (long i = 0; i < n; i += 4) {
        const long count = n - i < 4 ? n - i : 4;
        // −z flips the sign bit, as negation does.
        const __m256d minusZ = _mm256_xor_pd(load_group(z + i, count), _mm256_set1_pd(-0.0));
        const __m256d e = exp_group_or_mark(minusZ, &others);
        store_group(_mm256_div_pd(one, _mm256_add_pd(one, e)), a + i, count);
    }
    if (others) {
        for (long i = 0; i < n; i++) {
            if (!(fabs(z[i]) < 512.0)) a[i] = 1 / (1 + exp(-z[i]));
        }
    }
}

#else

int netframes_exponential_available(void) { return 0; }

void netframes_exponential(const double *x, double *y, long n) {
    for (long i = 0; i < n; i++) y[i] = exp(x[i]);
}

void netframes_exponential_shifted(const double *x, double m, double *y, long n) {
    for (long i = 0; i < n; i++) y[i] = exp(x[i] - m);
}

double netframes_softmax(const double *z, double *a, long n) {
    return softmax_with(z, a, n, netframes_exponential_shifted);
}

void netframes_logistic(const double *z, double *a, long n) {
    for (long i = 0; i < n; i++) a[i] = 1 / (1 + exp(-z[i]));
}

#endif
