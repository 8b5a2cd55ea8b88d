//! Reports: one value, one reporter per format.
