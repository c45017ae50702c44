//! Feature vectors with named fields: one list of names gives the struct, the names in
//! order (what the trainer writes and `explain` reports) and the array the forests read.

/// `named_features!(Struct, COUNT, [field, …])`: a struct of `f32` fields, `Struct::NAMES`
/// (the field names in order), `COUNT` (how many) and `Struct::to_array` (the values in
/// the order of the names). Adding a feature is adding its name here and setting it where
/// the struct is built (the compiler asks for it), then refitting the forests.
macro_rules! named_features {
    ($(#[$meta:meta])* $name:ident, $count:ident, [$($(#[$fmeta:meta])* $field:ident),+ $(,)?]) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, Default, PartialEq)]
        pub(crate) struct $name {
            $($(#[$fmeta])* pub $field: f32,)+
        }

        /// Number of fields of the feature vector.
        pub const $count: usize = [$(stringify!($field)),+].len();

        impl $name {
            /// The fields' names, in the order of [`Self::to_array`].
            #[allow(dead_code)] // The context features' names are read only by training.
            pub const NAMES: [&'static str; $count] = [$(stringify!($field)),+];

            /// The values in the order of [`Self::NAMES`], as the forests read them.
            #[inline]
            pub fn to_array(self) -> [f32; $count] {
                [$(self.$field),+]
            }
        }
    };
}

pub(crate) use named_features;
