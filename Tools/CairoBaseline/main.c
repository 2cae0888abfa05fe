/*
 * cairo-baseline: the benchmark's yardstick.
 *
 * A plain, single-threaded C loop that draws a frame comparable to NetFrames' diagram
 * of a [4, 6, 6, 3] network with every label on, the way a careful C programmer would
 * with cairo: one 1280x720 ARGB32 surface and context reused for every frame, the toy
 * font API, fonts selected only when they change, and cairo_surface_write_to_png with
 * its default compression.
 *
 * Each frame: white background, a header, a caption and four layer titles; 84 weight
 * lines (4*6 + 6*6 + 6*3) of varying width and colour, each with a small rounded
 * backdrop and a weight label such as "-0.412"; 19 neurons, each a filled and outlined
 * circle with three labels (activation above, bias below, delta beside). Values come
 * from the frame index, so every frame differs.
 *
 * usage: cairo-baseline FRAMES OUTDIR [--draw-only | --raw]
 *   --raw writes each frame's raw BGRA pixels to standard output (for piping into
 *   ffmpeg, the video yardstick) and prints the timing line on standard error.
 * prints: frames=N seconds=S fps=F
 *
 * usage: cairo-baseline --recode INDIR OUTDIR
 *   The naive writer on the same pixels: reads every *.png in INDIR with
 *   cairo_image_surface_create_from_png and writes it under the same name in OUTDIR
 *   with cairo_surface_write_to_png, so NetFrames' PNG sizes can be compared with the
 *   naive writer's on identical pixels (not only with this loop's own, simpler frames).
 * prints: files=N bytes_in=I bytes_out=O
 */
#include <cairo/cairo.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define WIDTH 1280
#define HEIGHT 720
#define FONT "DejaVu Sans"
/* M_PI is POSIX, not C; spelt out so the file builds with any -std. */
static const double PI = 3.14159265358979323846;

static const int layers[] = {4, 6, 6, 3};
#define LAYER_COUNT 4

/* A deterministic value in [-1, 1) for item i of a frame. */
static double value(int frame, int i) {
    unsigned int x = (unsigned int)(i * 2654435761u) ^ (unsigned int)(frame * 40503u + 0x9E3779B9u);
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return (double)(x & 0xFFFFFF) / (double)0x800000 - 1.0;
}

static void neuron_position(int layer, int index, double *x, double *y) {
    *x = 160.0 + layer * (WIDTH - 320.0) / (LAYER_COUNT - 1);
    *y = 120.0 + (index + 0.5) * (HEIGHT - 240.0) / layers[layer];
}

/* "0.731" or "−0.412" (with U+2212 MINUS SIGN, as NetFrames writes it). */
static void format_value(char *out, size_t size, const char *prefix, double v) {
    snprintf(out, size, "%s%s%.3f", prefix, v < 0 ? "\xE2\x88\x92" : "", fabs(v));
}

/* Tracks the selected font so it is set only when it changes. */
struct font_state {
    int bold;
    double size;
    cairo_font_extents_t extents;
};

static void use_font(cairo_t *cr, struct font_state *state, int bold, double size) {
    if (state->bold == bold && state->size == size) return;
    if (state->bold != bold) {
        cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    }
    cairo_set_font_size(cr, size);
    cairo_font_extents(cr, &state->extents);
    state->bold = bold;
    state->size = size;
}

/* Draws text with its anchor at (x, y): align 0 left, 1 centre; vertically centred on
 * the font's ascent-to-descent box, as NetFrames places labels. */
static void draw_text(cairo_t *cr, struct font_state *font, const char *text, double x, double y, int centre) {
    double width = 0;
    if (centre) {
        cairo_text_extents_t te;
        cairo_text_extents(cr, text, &te);
        width = te.x_advance;
    }
    double baseline = y - (font->extents.ascent + font->extents.descent) / 2 + font->extents.ascent;
    cairo_move_to(cr, x - width / 2, baseline);
    cairo_show_text(cr, text);
}

static void rounded_rect(cairo_t *cr, double x, double y, double w, double h, double r) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, PI / 2, PI);
    cairo_arc(cr, x + r, y + r, r, PI, 3 * PI / 2);
    cairo_close_path(cr);
}

static void draw_frame(cairo_t *cr, int frame) {
    struct font_state font = {-1, -1, {0}};
    char label[64];

    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);

    /* Connections, then their labels on top of every line. */
    int k = 0;
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (int l = 0; l < LAYER_COUNT - 1; l++) {
        for (int i = 0; i < layers[l]; i++) {
            for (int j = 0; j < layers[l + 1]; j++, k++) {
                double w = value(frame, k), ax, ay, bx, by;
                neuron_position(l, i, &ax, &ay);
                neuron_position(l + 1, j, &bx, &by);
                if (w >= 0) cairo_set_source_rgba(cr, 0x2B / 255.0, 0x6C / 255.0, 0xB0 / 255.0, 0.35 + 0.6 * fabs(w));
                else cairo_set_source_rgba(cr, 0xC5 / 255.0, 0x30 / 255.0, 0x30 / 255.0, 0.35 + 0.6 * fabs(w));
                cairo_set_line_width(cr, 0.5 + 3 * fabs(w));
                cairo_move_to(cr, ax, ay);
                cairo_line_to(cr, bx, by);
                cairo_stroke(cr);
            }
        }
    }
    k = 0;
    for (int l = 0; l < LAYER_COUNT - 1; l++) {
        for (int i = 0; i < layers[l]; i++) {
            for (int j = 0; j < layers[l + 1]; j++, k++) {
                double w = value(frame, k), ax, ay, bx, by;
                neuron_position(l, i, &ax, &ay);
                neuron_position(l + 1, j, &bx, &by);
                double t = 0.3 + 0.4 * j / layers[l + 1];
                double mx = ax + (bx - ax) * t, my = ay + (by - ay) * t;
                cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
                rounded_rect(cr, mx - 20, my - 8, 40, 16, 4);
                cairo_fill(cr);
                use_font(cr, &font, 0, 11);
                if (w >= 0) cairo_set_source_rgb(cr, 0x2B / 255.0, 0x6C / 255.0, 0xB0 / 255.0);
                else cairo_set_source_rgb(cr, 0xC5 / 255.0, 0x30 / 255.0, 0x30 / 255.0);
                format_value(label, sizeof label, "", w);
                draw_text(cr, &font, label, mx, my, 1);
            }
        }
    }

    /* Neurons with activation, bias and delta labels; layer titles. */
    int n = 0;
    for (int l = 0; l < LAYER_COUNT; l++) {
        for (int i = 0; i < layers[l]; i++, n++) {
            double x, y, act = (value(frame, 1000 + n) + 1) / 2;
            neuron_position(l, i, &x, &y);
            cairo_new_path(cr);
            cairo_arc(cr, x, y, 18, 0, 2 * PI);
            cairo_set_source_rgb(cr, (0xED + (0x31 - 0xED) * act) / 255.0, (0xF2 + (0x82 - 0xF2) * act) / 255.0,
                                 (0xF7 + (0xCE - 0xF7) * act) / 255.0);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, 0x1A / 255.0, 0x20 / 255.0, 0x2C / 255.0);
            cairo_set_line_width(cr, 1.5);
            cairo_stroke(cr);

            use_font(cr, &font, 0, 12);
            cairo_set_source_rgb(cr, 0, 0, 0);
            format_value(label, sizeof label, "\xCF\x83=", act); /* σ= */
            draw_text(cr, &font, label, x, y - 28, 1);
            cairo_set_source_rgb(cr, 0x4A / 255.0, 0x55 / 255.0, 0x68 / 255.0);
            format_value(label, sizeof label, "b=", value(frame, 2000 + n));
            draw_text(cr, &font, label, x, y + 28, 1);
            use_font(cr, &font, 0, 11);
            cairo_set_source_rgb(cr, 0x71 / 255.0, 0x80 / 255.0, 0x96 / 255.0);
            format_value(label, sizeof label, "\xCE\xB4=", value(frame, 3000 + n) / 10); /* δ= */
            draw_text(cr, &font, label, x + 24, y, 0);
        }
        double x, y;
        neuron_position(l, 0, &x, &y);
        use_font(cr, &font, 1, 14);
        cairo_set_source_rgb(cr, 0, 0, 0);
        if (l == 0) snprintf(label, sizeof label, "input");
        else if (l == LAYER_COUNT - 1) snprintf(label, sizeof label, "output");
        else snprintf(label, sizeof label, "hidden %d", l);
        draw_text(cr, &font, label, x, 80, 1);
    }

    /* Header and caption. */
    use_font(cr, &font, 1, 14);
    cairo_set_source_rgb(cr, 0, 0, 0);
    snprintf(label, sizeof label, "step %d \xC2\xB7 loss 0.%03d \xC2\xB7 \xE2\x88\x82L/\xE2\x88\x82w \xE2\x86\x92 0",
             frame, 100 + frame % 900);
    cairo_move_to(cr, 24, 36);
    cairo_show_text(cr, label);
    use_font(cr, &font, 0, 12);
    cairo_set_source_rgb(cr, 0x4A / 255.0, 0x55 / 255.0, 0x68 / 255.0);
    draw_text(cr, &font, "[4, 6, 6, 3] network, \xCF\x83 activations, learning rate 0.1", WIDTH / 2.0, 696, 1);
}

static long file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* --recode: every *.png of indir rewritten by cairo_surface_write_to_png into outdir. */
static int recode(const char *indir, const char *outdir) {
    DIR *dir = opendir(indir);
    if (!dir) {
        fprintf(stderr, "cairo-baseline: could not open the folder %s\n", indir);
        return 1;
    }
    long files = 0, bytes_in = 0, bytes_out = 0;
    char in[4096], out[4096];
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        size_t length = strlen(entry->d_name);
        if (length < 5 || strcmp(entry->d_name + length - 4, ".png") != 0 || entry->d_name[0] == '.') continue;
        snprintf(in, sizeof in, "%s/%s", indir, entry->d_name);
        snprintf(out, sizeof out, "%s/%s", outdir, entry->d_name);
        cairo_surface_t *image = cairo_image_surface_create_from_png(in);
        cairo_status_t status = cairo_surface_status(image);
        if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_write_to_png(image, out);
        cairo_surface_destroy(image);
        if (status != CAIRO_STATUS_SUCCESS) {
            fprintf(stderr, "cairo-baseline: could not recode %s into %s: %s\n", in, out, cairo_status_to_string(status));
            closedir(dir);
            return 1;
        }
        files++;
        bytes_in += file_size(in);
        bytes_out += file_size(out);
    }
    closedir(dir);
    printf("files=%ld bytes_in=%ld bytes_out=%ld\n", files, bytes_in, bytes_out);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "--recode") == 0) return recode(argv[2], argv[3]);
    if (argc < 3 || argc > 4 || (argc == 4 && strcmp(argv[3], "--draw-only") != 0 && strcmp(argv[3], "--raw") != 0)) {
        fprintf(stderr, "usage: %s FRAMES OUTDIR [--draw-only | --raw]\n       %s --recode INDIR OUTDIR\n", argv[0], argv[0]);
        return 2;
    }
    char *end;
    long frames = strtol(argv[1], &end, 10);
    if (*end != '\0' || frames < 1 || frames > 999999) {
        fprintf(stderr, "cairo-baseline: FRAMES must be a whole number from 1 to 999999, not '%s'\n", argv[1]);
        return 2;
    }
    const char *outdir = argv[2];
    int draw_only = argc == 4 && strcmp(argv[3], "--draw-only") == 0;
    int raw = argc == 4 && strcmp(argv[3], "--raw") == 0;

    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "cairo-baseline: could not create a %dx%d image surface: %s\n", WIDTH, HEIGHT,
                cairo_status_to_string(cairo_surface_status(surface)));
        return 1;
    }
    cairo_t *cr = cairo_create(surface);

    struct timespec start, stop;
    clock_gettime(CLOCK_MONOTONIC, &start);
    char path[4096];
    for (long frame = 0; frame < frames; frame++) {
        draw_frame(cr, (int)frame);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
            fprintf(stderr, "cairo-baseline: drawing frame %ld failed: %s\n", frame,
                    cairo_status_to_string(cairo_status(cr)));
            return 1;
        }
        if (raw) {
            cairo_surface_flush(surface);
            const unsigned char *data = cairo_image_surface_get_data(surface);
            int stride = cairo_image_surface_get_stride(surface);
            for (int y = 0; y < HEIGHT; y++) {
                if (fwrite(data + (size_t)y * stride, 4, WIDTH, stdout) != (size_t)WIDTH) {
                    fprintf(stderr, "cairo-baseline: writing frame %ld to standard output failed\n", frame);
                    return 1;
                }
            }
        } else if (!draw_only) {
            snprintf(path, sizeof path, "%s/frame_%06ld.png", outdir, frame);
            cairo_status_t status = cairo_surface_write_to_png(surface, path);
            if (status != CAIRO_STATUS_SUCCESS) {
                fprintf(stderr, "cairo-baseline: could not write %s: %s\n", path, cairo_status_to_string(status));
                return 1;
            }
        } else {
            cairo_surface_flush(surface);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &stop);

    double seconds = (double)(stop.tv_sec - start.tv_sec) + (double)(stop.tv_nsec - start.tv_nsec) / 1e9;
    if (raw) fflush(stdout);
    fprintf(raw ? stderr : stdout, "frames=%ld seconds=%.3f fps=%.1f\n", frames, seconds, (double)frames / seconds);

    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return 0;
}
