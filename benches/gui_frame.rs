//! One frame of the desktop app's side-by-side view with all five corpus documents loaded and every
//! mark on (diff, reuse from all sources, boilerplate): the UI pass plus tessellation, i.e. the CPU
//! work of a frame minus the GPU upload. `still` redraws the same view; `scrolling` scrolls the wheel
//! every frame, up through Guangdong 2012 ↔ Xianning 2014 from where the app lands (the financing
//! clause, near the end) and back down.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use duizhao::gui::settings::Settings;
use duizhao::gui::{App, StartWith};
use egui::{Event, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase, vec2};

const SIZE: [f32; 2] = [1400.0, 900.0];

/// Frames so far: the clock advances 1/60 s per frame, so scroll animations run as on screen.
static FRAMES: AtomicU64 = AtomicU64::new(0);

fn input(events: Vec<Event>) -> RawInput {
    let frame = FRAMES.fetch_add(1, Ordering::Relaxed);
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(SIZE[0], SIZE[1]))),
        time: Some(frame as f64 / 60.0),
        predicted_dt: 1.0 / 60.0,
        events,
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut App, events: Vec<Event>) {
    let output = ctx.run_ui(input(events), |ui| app.show(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives);
}

/// An app on the corpus with its analysis and side-by-side diffs ready.
fn ready_app() -> (egui::Context, App) {
    let ctx = egui::Context::default();
    let mut settings = Settings::default();
    settings.marks.all_sources = true;
    settings.marks.boilerplate = true;
    let mut app = App::new(settings, StartWith::Corpus);
    let deadline = Instant::now() + Duration::from_secs(120);
    while !(app.is_ready() && app.side_diffs().is_some()) {
        assert!(Instant::now() < deadline, "analysis did not finish");
        frame(&ctx, &mut app, Vec::new());
        std::thread::sleep(Duration::from_millis(10));
    }
    // Lay out the first screen once, as the window would have before the user scrolls.
    for _ in 0..3 {
        frame(&ctx, &mut app, Vec::new());
    }
    (ctx, app)
}

fn wheel(dy: f32) -> Vec<Event> {
    vec![
        Event::PointerMoved(Pos2::new(SIZE[0] / 2.0, SIZE[1] / 2.0)),
        Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, dy),
            phase: TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        },
    ]
}

/// Scroll once through the pair with nothing cached yet and report the slowest frame: the cost of
/// laying out rows the first time they come into view.
fn first_pass(ctx: &egui::Context, app: &mut App) {
    let cached = app.galleys.len();
    let mut slowest = Duration::ZERO;
    let mut total = Duration::ZERO;
    for _ in 0..120 {
        let started = Instant::now();
        frame(ctx, app, wheel(60.0));
        let elapsed = started.elapsed();
        slowest = slowest.max(elapsed);
        total += elapsed;
    }
    assert!(app.galleys.len() > cached, "scrolling brought new rows into view");
    eprintln!(
        "first scroll through the pair (120 frames, rows laid out as they appear): mean {:.2} ms, slowest {:.2} ms",
        total.as_secs_f64() * 1000.0 / 120.0,
        slowest.as_secs_f64() * 1000.0
    );
    for _ in 0..120 {
        frame(ctx, app, wheel(-60.0));
    }
}

fn side_by_side(c: &mut Criterion) {
    let (ctx, mut app) = ready_app();
    first_pass(&ctx, &mut app);
    let mut group = c.benchmark_group("gui_frame");
    group.bench_function("side_by_side_still", |b| b.iter(|| frame(&ctx, &mut app, Vec::new())));

    // 120 frames up, 120 frames down, 60 points per frame: most of both documents.
    let mut step = 0usize;
    group.bench_function("side_by_side_scrolling", |b| {
        b.iter(|| {
            let dy = if (step / 120).is_multiple_of(2) { 60.0 } else { -60.0 };
            step += 1;
            frame(&ctx, &mut app, wheel(dy));
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(60).warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(6));
    targets = side_by_side
}
criterion_main!(benches);
