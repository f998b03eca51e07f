//! PDF render time, warm: median and p95 over 200 renders of a 10-line and a 60-line invoice.
//! `cargo run --release -q -p nourx-pdf --example bench [renders]` (`./x bench` runs it).
//!
//! Each render gets a different invoice number and client name: typst memoizes layout by input,
//! so rendering the very same document again would measure its cache, not the work of a new one.

use std::time::{Duration, Instant};

use nourx_pdf::{PdfRenderer, sample};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let renders: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(200);
    let started = Instant::now();
    let renderer = PdfRenderer::new()?;
    println!("renderer ready in {:.1} ms (fonts parsed once)", ms(started.elapsed()));
    for lines in [10, 60] {
        let doc = sample::invoice(lines);
        let variant = |i: usize| {
            let mut doc = doc.clone();
            doc.number = Some(format!("NX-2026-{i:04}"));
            doc.client.name = format!("Client {i}");
            doc
        };
        let cold = Instant::now();
        let pdf = renderer.render(&doc)?;
        let first = cold.elapsed();
        for i in 0..10 {
            renderer.render(&variant(i))?;
        }
        let mut times: Vec<Duration> = (0..renders)
            .map(|i| {
                let doc = variant(1_000 + i);
                let start = Instant::now();
                renderer.render(&doc).map(|_| start.elapsed())
            })
            .collect::<Result<_, _>>()?;
        times.sort();
        let percentile = |p: usize| times[((times.len() * p).div_ceil(100)).saturating_sub(1)];
        println!(
            "{lines:>2}-line invoice: median {:>6.2} ms  p95 {:>6.2} ms  max {:>6.2} ms  (first render {:.1} ms, {} renders, {} KiB)",
            ms(percentile(50)),
            ms(percentile(95)),
            ms(times[times.len() - 1]),
            ms(first),
            renders,
            pdf.len() / 1024,
        );
    }
    Ok(())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
