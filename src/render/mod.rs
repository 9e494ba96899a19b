//! Stage 6: rendering. Each renderer translates a laid-out [`crate::layout::Document`]
//! (the display list) into one output format, without taking any layout decision.

pub mod html;
pub mod shape;
