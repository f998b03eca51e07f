//! Counts of very large lists, kept for a few seconds.
//!
//! A DRF page carries the total `count`; on 200 000 tasks an exact count costs ~13 ms of
//! database CPU per request, ten times the page itself. Counts above `LARGE` are reused
//! for `TTL` (so a staff list may say 200 028 while it is 200 031); smaller ones are
//! always exact, which covers every client user's lists.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const LARGE: i64 = 10_000;
const TTL: Duration = Duration::from_secs(10);
const MAX_ENTRIES: usize = 1_000;

#[derive(Debug, Default)]
pub struct CountCache {
    entries: Mutex<HashMap<String, (Instant, i64)>>,
}

impl CountCache {
    pub fn get(&self, key: &str) -> Option<i64> {
        let entries = self.entries.lock().ok()?;
        entries.get(key).filter(|(at, _)| at.elapsed() < TTL).map(|(_, count)| *count)
    }

    pub fn put(&self, key: String, count: i64) {
        if count <= LARGE {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.retain(|_, (at, _)| at.elapsed() < TTL);
            }
            if entries.len() < MAX_ENTRIES {
                entries.insert(key, (Instant::now(), count));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_large_counts_are_kept() {
        let cache = CountCache::default();
        cache.put("small".into(), 25);
        cache.put("large".into(), 200_000);
        assert_eq!(cache.get("small"), None);
        assert_eq!(cache.get("large"), Some(200_000));
    }
}
