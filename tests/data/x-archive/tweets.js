window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1729700000000000001"
          ],
          "editableUntil" : "2023-11-29T03:12:44.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "徳島",
            "indices" : [
              "46",
              "49"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [
          {
            "url" : "https://t.co/AbCdEf1234",
            "expanded_url" : "https://www.pref.tokushima.lg.jp/bousai/fair/",
            "display_url" : "pref.tokushima.lg.jp/bousai/fair/",
            "indices" : [
              "22",
              "45"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "49"
      ],
      "favorite_count" : "12",
      "id_str" : "1729700000000000001",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1729700000000000001",
      "created_at" : "Wed Nov 29 02:12:44 +0000 2023",
      "favorited" : false,
      "full_text" : "秋の防災フェアの詳細を掲載しました。詳しくは https://t.co/AbCdEf1234 #徳島",
      "lang" : "ja"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1730000000000000002"
          ],
          "editableUntil" : "2023-11-30T00:40:10.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [
          {
            "url" : "https://t.co/Zy98Xw76Vu",
            "expanded_url" : "https://bit.ly/3xYzAbc",
            "display_url" : "bit.ly/3xYzAbc",
            "indices" : [
              "17",
              "40"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "40"
      ],
      "favorite_count" : "4",
      "id_str" : "1730000000000000002",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1730000000000000002",
      "created_at" : "Wed Nov 29 23:40:10 +0000 2023",
      "favorited" : false,
      "full_text" : "移住相談会の申込みはこちらから → https://t.co/Zy98Xw76Vu",
      "lang" : "ja"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1741000000000000003"
          ],
          "editableUntil" : "2023-12-31T21:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ],
        "media" : [
          {
            "expanded_url" : "https://twitter.com/tokushima_pref_example/status/1741000000000000003/photo/1",
            "indices" : [
              "33",
              "56"
            ],
            "url" : "https://t.co/PhOtO12345",
            "media_url" : "http://pbs.twimg.com/media/GCxExampleAAA.jpg",
            "id_str" : "1741000000000000100",
            "id" : "1741000000000000100",
            "media_url_https" : "https://pbs.twimg.com/media/GCxExampleAAA.jpg",
            "sizes" : {
              "large" : {
                "w" : "2048",
                "h" : "1365",
                "resize" : "fit"
              }
            },
            "type" : "photo",
            "display_url" : "pic.twitter.com/PhOtO12345"
          }
        ]
      },
      "display_text_range" : [
        "0",
        "32"
      ],
      "favorite_count" : "30",
      "id_str" : "1741000000000000003",
      "truncated" : false,
      "retweet_count" : "8",
      "possibly_sensitive" : false,
      "id" : "1741000000000000003",
      "created_at" : "Sun Dec 31 20:00:00 +0000 2023",
      "favorited" : false,
      "full_text" : "1月6日(日)に消防出初式を行います。観覧無料 &amp; 申込み不要です。 https://t.co/PhOtO12345",
      "lang" : "ja"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1742000000000000004"
          ],
          "editableUntil" : "2024-01-02T01:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "52"
      ],
      "favorite_count" : "0",
      "id_str" : "1742000000000000004",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1742000000000000004",
      "created_at" : "Tue Jan 02 00:00:00 +0000 2024",
      "favorited" : false,
      "full_text" : "落とし物をお預かりしています。お心当たりの方は佐藤様（090-1234-5678）までご連絡ください。",
      "lang" : "ja"
    }
  }
]
