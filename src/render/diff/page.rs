pub fn html(_d: &crate::diff::Diff) -> String {
    String::new()
}
pub fn markdown(_d: &crate::diff::Diff) -> String {
    String::new()
}
