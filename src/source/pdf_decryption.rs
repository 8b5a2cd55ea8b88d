//! [`Decryption`]: an encrypted PDF's objects decrypted one at a time, as
//! they are read, with the empty password (a file anyone may open that
//! forbids copying, say); one that wants another password is not read.

use lopdf::encryption::{decrypt_object, EncryptionState};
use lopdf::{Dictionary, Document, Object, ObjectId};

/// The key and filters of an encrypted file, and its encryption
/// dictionary, which is not encrypted.
#[derive(Debug)]
pub struct Decryption {
    state: EncryptionState,
    dictionary: ObjectId,
}

impl Decryption {
    /// The decryption of a file whose trailer is `trailer` and whose
    /// encryption dictionary, the object `id`, is `encrypt`, if the empty
    /// password opens it (as its user's, or its owner's).
    pub fn with_empty_password(
        trailer: &Dictionary,
        id: ObjectId,
        encrypt: Dictionary,
    ) -> Option<Decryption> {
        // lopdf reads the dictionary and the file's /ID from a document.
        let mut doc = Document::new();
        doc.trailer = trailer.clone();
        doc.trailer.set("Encrypt", Object::Reference(id));
        doc.objects.insert(id, Object::Dictionary(encrypt));
        doc.authenticate_password("").ok()?;
        let state = EncryptionState::decode(&doc, b"").ok()?;
        Some(Decryption {
            state,
            dictionary: id,
        })
    }

    /// Decrypts `object`, the object `id` as the file holds it (an object
    /// packed in an object stream is decrypted with its stream); false if
    /// it cannot be.
    pub fn decrypt(&self, id: ObjectId, object: &mut Object) -> bool {
        id == self.dictionary || decrypt_object(&self.state, id, object).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::super::pdf_test_file::{locked, one_page_document};
    use super::*;

    /// A one-page document, and the same encrypted with `user` as its user
    /// password, in memory.
    fn plain_and_locked(user: &str) -> (Document, Document) {
        let plain = one_page_document(b"BT /F1 12 Tf 72 700 Td (Locked.) Tj ET");
        let locked = locked(plain.clone(), user);
        (plain, locked)
    }

    fn decryption_of(locked: &Document) -> Option<Decryption> {
        let id = locked
            .trailer
            .get(b"Encrypt")
            .unwrap()
            .as_reference()
            .unwrap();
        let dict = locked.get_dictionary(id).unwrap().clone();
        Decryption::with_empty_password(&locked.trailer, id, dict)
    }

    #[test]
    fn objects_decrypted_one_at_a_time_are_the_plain_ones() {
        let (plain, locked) = plain_and_locked("");
        let decryption = decryption_of(&locked).unwrap();
        let content = plain
            .objects
            .values()
            .find_map(|o| o.as_stream().ok())
            .unwrap();
        assert!(content.content.starts_with(b"BT"));
        for (&id, object) in &plain.objects {
            let mut read = locked.objects[&id].clone();
            if read.as_stream().is_ok() {
                assert_ne!(&read, object, "{id:?} is encrypted");
            }
            assert!(decryption.decrypt(id, &mut read));
            assert_eq!(&read, object, "{id:?}");
        }
    }

    #[test]
    fn a_file_that_wants_a_password_is_not_decrypted() {
        let (_, locked) = plain_and_locked("secret");
        assert!(decryption_of(&locked).is_none());
    }
}
