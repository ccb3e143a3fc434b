import Foundation

// LookupEvents' response builds its JSON tree directly (see `DirectShapeEncodable`): a page of 50
// events is the response the server sends most and the largest. Members in the model's order, absent
// ones omitted, exactly as the synthesised `encode(to:)` of each shape writes them.

extension LookupEventsResponse: DirectShapeEncodable {
  func shapeJSON(_ state: EncodingState, codingPath: [any CodingKey]) throws -> JSONValue {
    var members: [(key: String, value: JSONValue)] = []
    if let events {
      let path = codingPath + [ShapeCodingKey(stringValue: "Events")]
      var items: [JSONValue] = []
      items.reserveCapacity(events.count)
      for (index, event) in events.enumerated() {
        items.append(try event.shapeJSON(state, codingPath: path + [ShapeCodingKey(intValue: index)]))
      }
      members.append((key: "Events", value: .array(items)))
    }
    if let nextToken { members.append((key: "NextToken", value: .string(nextToken))) }
    return .object(members)
  }
}

extension TrailEvent: DirectShapeEncodable {
  func shapeJSON(_ state: EncodingState, codingPath: [any CodingKey]) throws -> JSONValue {
    var members: [(key: String, value: JSONValue)] = []
    members.reserveCapacity(9)
    func put(_ key: String, _ value: String?) {
      if let value { members.append((key: key, value: .string(value))) }
    }
    put("EventId", eventId)
    put("EventName", eventName)
    put("ReadOnly", readOnly)
    put("AccessKeyId", accessKeyId)
    if let eventTime {
      members.append(
        (
          key: "EventTime",
          value: try state.date(eventTime, codingPath + [ShapeCodingKey(stringValue: "EventTime")])
        ))
    }
    put("EventSource", eventSource)
    put("Username", username)
    if let resources {
      members.append((key: "Resources", value: .array(resources.map(\.shapeJSON))))
    }
    put("CloudTrailEvent", cloudTrailEvent)
    return .object(members)
  }
}

extension TrailResource {
  /// The resource's tree; it holds only strings, so it needs neither state nor path.
  var shapeJSON: JSONValue {
    var members: [(key: String, value: JSONValue)] = []
    if let resourceType { members.append((key: "ResourceType", value: .string(resourceType))) }
    if let resourceName { members.append((key: "ResourceName", value: .string(resourceName))) }
    return .object(members)
  }
}
