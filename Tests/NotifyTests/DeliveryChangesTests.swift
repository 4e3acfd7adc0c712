import Testing
@testable import NotifyService

/// ``DeliveryChanges``: every observer hears of the changes made after it subscribed.
@Suite struct DeliveryChangesTests {
    @Test func everyObserverHearsOfChangesMadeAfterItSubscribed() async {
        let changes = DeliveryChanges()
        changes.announce()  // before anyone listens: heard by no one
        let first = changes.updates()
        let second = changes.updates()
        changes.announce()
        changes.announce()
        var firstIterator = first.makeAsyncIterator()
        var secondIterator = second.makeAsyncIterator()
        #expect(await firstIterator.next() != nil)
        #expect(await secondIterator.next() != nil)
        changes.announce()
        #expect(await firstIterator.next() != nil)
    }
}
