import NetFramesScene

/// Where each channel sits in a pixel of cairo's ARGB32 format, which is a native-endian
/// 32-bit word `A<<24 | R<<16 | G<<8 | B` with colour premultiplied by alpha: in memory
/// that is B, G, R, A on little-endian machines and A, R, G, B on big-endian ones.
enum ARGB32Layout {
    #if _endian(little)
    static let blue = 0, green = 1, red = 2, alpha = 3
    /// True when the bytes read B, G, R, then A (or filler).
    static let isBGRA = true
    #else
    static let alpha = 0, red = 1, green = 2, blue = 3
    static let isBGRA = false
    #endif
}

/// A colour as one ARGB32 word, premultiplied and rounded the way cairo stores it.
struct PremultipliedPixel {
    let argb32: UInt32

    init(_ color: Color) {
        func channel(_ value: Double) -> UInt32 {
            UInt32(max(0, min(255, (value * 255).rounded())))
        }
        let alpha = max(0, min(1, color.alpha))
        argb32 = channel(alpha) << 24 | channel(color.red * alpha) << 16
            | channel(color.green * alpha) << 8 | channel(color.blue * alpha)
    }
}

/// Converts rows of premultiplied ARGB32 pixels to straight-alpha RGBA bytes.
enum Unpremultiply {
    /// Converts `width` pixels from `source` (ARGB32) into `destination` (R, G, B, A).
    ///
    /// Each channel becomes `round(c · 255 / a)`; fully transparent pixels become 0, 0, 0, 0.
    static func row(from source: UnsafePointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>,
                    width: Int) {
        for x in 0..<width {
            let pixel = source + 4 * x
            let out = destination + 4 * x
            let alpha = UInt32(pixel[ARGB32Layout.alpha])
            switch alpha {
            case 255:
                out[0] = pixel[ARGB32Layout.red]
                out[1] = pixel[ARGB32Layout.green]
                out[2] = pixel[ARGB32Layout.blue]
            case 0:
                out[0] = 0
                out[1] = 0
                out[2] = 0
            default:
                let half = alpha / 2
                out[0] = UInt8(min(255, (UInt32(pixel[ARGB32Layout.red]) * 255 + half) / alpha))
                out[1] = UInt8(min(255, (UInt32(pixel[ARGB32Layout.green]) * 255 + half) / alpha))
                out[2] = UInt8(min(255, (UInt32(pixel[ARGB32Layout.blue]) * 255 + half) / alpha))
            }
            out[3] = UInt8(alpha)
        }
    }
}
